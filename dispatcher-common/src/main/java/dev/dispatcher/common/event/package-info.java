/**
 * The event model of the dispatcher suite: the seven models as immutable records ({@link
 * dev.dispatcher.common.event.Event}), their JSON encoding ({@link dev.dispatcher.common.event.EventJson}),
 * validation ({@link dev.dispatcher.common.event.EventValidator}), Kafka keys ({@link
 * dev.dispatcher.common.event.KafkaKeys}) and tracking ids ({@link dev.dispatcher.common.event.TrackingFields}).
 *
 * <p>Three rules hold for every record: properties the model does not know are captured and
 * written back unchanged (a hub passes on what it does not understand); absent fields stay absent
 * and no null is ever written (Azul's Python client rejects nulls); timestamps are the producer's
 * strings. Enumerated values (actions, labels, statuses) are kept as strings so an unexpected value
 * survives reading and gets a precise validation message instead of a parse error.
 */
package dev.dispatcher.common.event;
