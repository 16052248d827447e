# Multi-stage build: the service is compiled from source inside the image, so `docker compose up --build` needs
# nothing but Docker on the host. The image runs the prod profile; the container profile of the build leaves out the
# embedded PostgreSQL that only the demo and the tests use.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline -Pcontainer -Dformatter.skip -Dimpsort.skip || true
COPY src src
COPY db db
RUN ./mvnw -B package -Pcontainer -DskipTests -Dformatter.skip -Dimpsort.skip

FROM eclipse-temurin:21-jre
WORKDIR /deployments
COPY --from=build /src/target/quarkus-app/lib/ lib/
COPY --from=build /src/target/quarkus-app/*.jar ./
COPY --from=build /src/target/quarkus-app/app/ app/
COPY --from=build /src/target/quarkus-app/quarkus/ quarkus/
# The spool must outlive the container: docker-compose mounts a volume here. Users and other settings can be given in
# /deployments/config/application.properties (docker-compose mounts ./config there).
RUN mkdir -p /deployments/data/spool /deployments/config && chown -R 185:185 /deployments/data
USER 185
EXPOSE 8080
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Dquarkus.http.host=0.0.0.0"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
