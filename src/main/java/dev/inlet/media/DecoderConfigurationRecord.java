package dev.inlet.media;

/**
 * A video codec's decoder configuration record (avcC, hvcC, av1C, vpcC): what a sequence header carries. Records
 * that are equal describe the same configuration.
 */
interface DecoderConfigurationRecord {

    /** The record as the sequence header's body carries it. */
    byte[] toBytes();
}
