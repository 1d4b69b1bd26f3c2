package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.RtmpMessage;

/** A message on its way down the filter chain, before the chunk codec turns it into bytes. */
record OutboundMessage(int chunkStreamId, RtmpMessage message) {
}
