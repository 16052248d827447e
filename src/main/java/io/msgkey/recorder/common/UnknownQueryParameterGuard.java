package io.msgkey.recorder.common;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter an /api endpoint does not take is refused, not ignored: a search for {@code from=x&Peer=y} would
 * otherwise quietly answer for every conversation of x.
 */
public class UnknownQueryParameterGuard {

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @ServerRequestFilter
    Optional<RestResponse<ApiError>> refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        Set<String> taken = known.computeIfAbsent(method, UnknownQueryParameterGuard::queryParametersOfTheEndpoint);
        return request.getUriInfo().getQueryParameters().keySet().stream().filter(name -> !taken.contains(name))
                .sorted().findFirst().map(name -> ApiError.answer(400, "unknown query parameter " + name
                        + "; this endpoint takes: " + (taken.isEmpty() ? "none" : String.join(", ", taken)), name)
                        .build());
    }

    /**
     * What any method serving the same path and HTTP method takes: one endpoint may be two methods, chosen by the
     * media type asked for (JSON pages, CSV exports), and a parameter of one is not wrong for the other.
     */
    private static Set<String> queryParametersOfTheEndpoint(Method method) {
        Set<String> names = new TreeSet<>();
        for (Method sibling : method.getDeclaringClass().getDeclaredMethods()) {
            if (Objects.equals(path(sibling), path(method)) && Objects.equals(httpMethod(sibling), httpMethod(method))) {
                queryParameters(sibling, names);
            }
        }
        return names;
    }

    private static String path(Method method) {
        Path path = method.getAnnotation(Path.class);
        return path == null ? null : path.value();
    }

    private static String httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class)).filter(Objects::nonNull)
                .map(HttpMethod::value).findFirst().orElse(null);
    }

    private static void queryParameters(Method method, Set<String> names) {
        for (Parameter parameter : method.getParameters()) {
            RestQuery query = parameter.getAnnotation(RestQuery.class);
            if (query != null) {
                names.add(query.value().isEmpty() ? parameter.getName() : query.value());
            } else if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Field field : parameter.getType().getDeclaredFields()) {
                    RestQuery fieldQuery = field.getAnnotation(RestQuery.class);
                    if (fieldQuery != null) {
                        names.add(fieldQuery.value().isEmpty() ? field.getName() : fieldQuery.value());
                    }
                }
            }
        }
    }
}
