package io.crmsuite.gateway.auth;

/** Credentials were sent but are not accepted; the message says why, for the 401's detail. */
public class CredentialsRefused extends Exception {

    public CredentialsRefused(String reason) {
        super(reason);
    }
}
