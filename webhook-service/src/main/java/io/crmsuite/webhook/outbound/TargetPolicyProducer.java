package io.crmsuite.webhook.outbound;

import java.net.InetAddress;
import java.util.Set;

import io.crmsuite.webhook.config.WebhookConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The policy of this deployment: the JVM's resolver, private targets, plain http and refused ports as configured. */
public class TargetPolicyProducer {

    @Produces
    @Singleton
    TargetPolicy targetPolicy(WebhookConfig config) {
        return new TargetPolicy(config.privateTargets(), config.allowHttp(), InetAddress::getAllByName,
                config.refusedPorts().orElse(Set.of()));
    }
}
