package io.crmsuite.complaint.intake;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A claim on an Idempotency-Key ({@code key:<key>}) or on a source system's reference ({@code ref:<source>|<ref>}):
 * the unique {@code _id} lets exactly one request own it, whatever the number of replicas.
 */
@MongoEntity(collection = "intake_claims")
public class IntakeClaim extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    public String complaintId;
    public String fingerprint;

    public IntakeClaim() {
    }

    IntakeClaim(String id, String complaintId, String fingerprint) {
        this.id = id;
        this.complaintId = complaintId;
        this.fingerprint = fingerprint;
    }
}
