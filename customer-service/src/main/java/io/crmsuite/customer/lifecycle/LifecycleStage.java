package io.crmsuite.customer.lifecycle;

/** Prospect -> first-time buyer -> repeat customer -> loyal customer (advocate); churned when lost. */
public enum LifecycleStage {
    PROSPECT,
    FIRST_TIME,
    REPEAT,
    LOYAL,
    CHURNED
}
