package dev.inlet.rtmp.amf;

import java.util.Objects;

/** An XML document (AMF0 0x0F; AMF3 XMLDocument 0x07 and XML 0x0B), kept as its text. */
public record AmfXmlDocument(String xml) {

    public AmfXmlDocument {
        Objects.requireNonNull(xml, "xml");
    }
}
