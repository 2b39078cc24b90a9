package io.crmsuite.gateway.auth;

import java.util.Set;

/** An authenticated caller: its name (the API key's client, or the token's subject) and its roles. */
public record Client(String name, Set<String> roles, String via) {
}
