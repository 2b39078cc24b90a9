# One image recipe for the five services: docker build --build-arg MODULE=customer-service .
# Build the jars first (./mvnw package -DskipTests); the image only copies the Quarkus fast-jar layout.
FROM eclipse-temurin:17-jre
ARG MODULE
WORKDIR /app
COPY ${MODULE}/target/quarkus-app/lib/ /app/lib/
COPY ${MODULE}/target/quarkus-app/*.jar /app/
COPY ${MODULE}/target/quarkus-app/app/ /app/app/
COPY ${MODULE}/target/quarkus-app/quarkus/ /app/quarkus/
USER 185
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
