# Build stage: the Maven wrapper and a JDK, nothing else.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package && cp target/capability-tracker-*.jar /app.jar

# Run stage: a JRE and the application; the database is external (SPRING_DATASOURCE_URL).
FROM eclipse-temurin:17-jre
RUN useradd --system --home /app tracker
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER tracker
ENV APP_DATABASE_EMBEDDED_ENABLED=false
# glibc keeps one malloc arena per busy thread otherwise: tens of MB of resident memory
# the JVM does not need (README, "production instance"; docs/xapi.md#sizing)
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
