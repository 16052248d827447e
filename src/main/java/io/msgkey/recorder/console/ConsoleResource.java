package io.msgkey.recorder.console;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.msgkey.recorder.recall.RecallConfig;
import io.msgkey.recorder.security.SameOrigin;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The moderator console: server-rendered pages whose small scripts call the same JSON API as everyone else, signed in
 * through the same security (a form login that sets a session cookie). Pages check the role themselves so that a
 * visitor who is not signed in is sent to the sign-in page instead of getting an API error.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, Long retryAfterSeconds);

        static native TemplateInstance search(Viewer viewer);

        static native TemplateInstance jobs(Viewer viewer);

        static native TemplateInstance job(Viewer viewer, long jobId);

        static native TemplateInstance audit(Viewer viewer);

        static native TemplateInstance compliance(Viewer viewer);

        static native TemplateInstance forbidden(Viewer viewer);
    }

    private final SecurityIdentity identity;
    private final int secondApproverAbove;
    private final String sessionCookie;

    ConsoleResource(SecurityIdentity identity, RecallConfig recall,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.identity = identity;
        this.secondApproverAbove = recall.secondApproverAbove();
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Operation(hidden = true)
    public Response home() {
        return identity.isAnonymous() ? redirect("/login") : redirect(viewer().home());
    }

    @GET
    @Path("/login")
    @Operation(hidden = true)
    public Response login(@RestQuery boolean error) {
        if (!identity.isAnonymous()) {
            return redirect(viewer().home());
        }
        return Response.ok(Templates.login(error, null)).build();
    }

    /**
     * Signing out needs no session cookie, only this answer, which deletes it: SameSite on the cookie therefore does
     * not stop another site from signing a moderator out. Hence the same-origin check.
     */
    @POST
    @Path("/logout")
    @Operation(hidden = true)
    public Response logout(@HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
            @HeaderParam("Host") String host) {
        if (!SameOrigin.check(origin, referer, host)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Signing out must start from the console itself.").build();
        }
        NewCookie expired = new NewCookie.Builder(sessionCookie).path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/login")).cookie(expired).build();
    }

    @GET
    @Path("/console/search")
    @Operation(hidden = true)
    public Response search() {
        return page(Viewer::moderator, Templates::search);
    }

    @GET
    @Path("/console/jobs")
    @Operation(hidden = true)
    public Response jobs() {
        return page(viewer -> viewer.moderator() || viewer.auditor(), Templates::jobs);
    }

    @GET
    @Path("/console/jobs/{id}")
    @Operation(hidden = true)
    public Response job(@RestPath long id) {
        return page(viewer -> viewer.moderator() || viewer.auditor(), viewer -> Templates.job(viewer, id));
    }

    @GET
    @Path("/console/audit")
    @Operation(hidden = true)
    public Response audit() {
        return page(Viewer::auditor, Templates::audit);
    }

    @GET
    @Path("/console/compliance")
    @Operation(hidden = true)
    public Response compliance() {
        return page(Viewer::compliance, Templates::compliance);
    }

    private Response page(Predicate<Viewer> allowed, Function<Viewer, TemplateInstance> page) {
        if (identity.isAnonymous()) {
            return redirect("/login");
        }
        Viewer viewer = viewer();
        if (!allowed.test(viewer)) {
            return Response.status(Response.Status.FORBIDDEN).entity(Templates.forbidden(viewer)).build();
        }
        return Response.ok(page.apply(viewer)).build();
    }

    private Viewer viewer() {
        return Viewer.of(identity, secondApproverAbove);
    }

    private static Response redirect(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
