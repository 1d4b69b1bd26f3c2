/**
 * AMF0 and AMF3, the value encodings of RTMP commands and metadata.
 *
 * <p>Java types, in both directions:
 * <table>
 * <caption>AMF type and Java type</caption>
 * <tr><th>AMF</th><th>Java</th></tr>
 * <tr><td>number, AMF3 double</td><td>{@link java.lang.Double}</td></tr>
 * <tr><td>AMF3 integer (29-bit signed)</td><td>{@link java.lang.Integer}</td></tr>
 * <tr><td>boolean</td><td>{@link java.lang.Boolean}</td></tr>
 * <tr><td>string, long string</td><td>{@link java.lang.String}</td></tr>
 * <tr><td>null</td><td>{@code null}</td></tr>
 * <tr><td>undefined, AMF0 "unsupported" (0x0D)</td><td>{@link dev.inlet.rtmp.amf.AmfUndefined#INSTANCE}</td></tr>
 * <tr><td>anonymous object</td><td>{@link java.util.LinkedHashMap LinkedHashMap&lt;String,Object&gt;}</td></tr>
 * <tr><td>typed object, AMF3 object with a class name</td><td>{@link dev.inlet.rtmp.amf.AmfTypedObject}</td></tr>
 * <tr><td>ECMA array, AMF3 array with an associative part</td><td>{@link dev.inlet.rtmp.amf.AmfEcmaArray}
 *     (AMF3 dense entries under the keys "0", "1", …)</td></tr>
 * <tr><td>strict array, AMF3 dense array, AMF3 vectors</td><td>{@link java.util.List List&lt;Object&gt;}
 *     (Vector.&lt;int&gt;: Integer, Vector.&lt;uint&gt;: Long, Vector.&lt;Number&gt;: Double)</td></tr>
 * <tr><td>date</td><td>{@link dev.inlet.rtmp.amf.AmfDate}</td></tr>
 * <tr><td>XML document, AMF3 XML</td><td>{@link dev.inlet.rtmp.amf.AmfXmlDocument}</td></tr>
 * <tr><td>AMF3 ByteArray</td><td>{@code byte[]} (AMF0 writes it behind the AVM+ switch)</td></tr>
 * <tr><td>AMF3 Dictionary</td><td>{@link java.util.LinkedHashMap LinkedHashMap&lt;Object,Object&gt;} (read only)</td></tr>
 * <tr><td>AMF0 reference, AMF3 references</td><td>the instance read earlier</td></tr>
 * <tr><td>AMF0 AVM+ switch</td><td>the one AMF3 value that follows, read with fresh AMF3 tables</td></tr>
 * </table>
 *
 * <p>Refused input, always as {@link dev.inlet.rtmp.RtmpProtocolException}: MALFORMED for
 * truncated or impossible encodings (unknown markers, object-end where a value belongs, bad
 * or cyclic references, over-long U29s), LIMIT_EXCEEDED when {@link dev.inlet.rtmp.amf.AmfLimits}
 * are crossed, UNSUPPORTED for movieclip, recordset and AMF3 externalizable objects.
 */
package dev.inlet.rtmp.amf;
