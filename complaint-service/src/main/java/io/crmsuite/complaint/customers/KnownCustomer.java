package io.crmsuite.complaint.customers;

import java.util.ArrayList;
import java.util.List;

import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * What complaint-service keeps of a customer, from {@code customer.events}: enough to accept intake without
 * calling customer-service (existence, tier for the SLA policy, contacts for matching, erasure).
 */
@MongoEntity(collection = "customers")
public class KnownCustomer extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    /** The aggregate version of the last customer event applied. */
    public long version;
    public String tier;
    public boolean erased;
    public List<String> emails = new ArrayList<>();
    public List<String> phones = new ArrayList<>();

    /** The collection, typed (Panache's own accessor is generic in the entity type). */
    public static com.mongodb.client.MongoCollection<KnownCustomer> collection() {
        return mongoCollection();
    }
}
