/**
 * The CDI events Inlet fires, as plain records. Observe them with {@code @Observes} (synchronous: runs
 * on the publisher's read path for {@link dev.inlet.events.PacketReceived} and
 * {@link dev.inlet.events.MediaReceived}, so keep such observers cheap) or {@code @ObservesAsync}.
 * An observer that throws is logged and never disturbs ingest. {@link dev.inlet.events.PublishAuthorization}
 * is the one mutable event: synchronous observers may deny a publish with a reason the encoder receives.
 */
package dev.inlet.events;
