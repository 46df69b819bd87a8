package ai.alignet.storage;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import io.minio.MinioAsyncClient;
import io.minio.http.Method;
import okhttp3.Response;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * The MinIO async client, plus a listing of unfinished multipart uploads that works with SeaweedFS:
 * the SDK's {@code listMultipartUploadsAsync} requires an {@code <Initiator>} element per upload,
 * which SeaweedFS does not send, so it fails on any non-empty listing. Here the same signed request
 * is parsed for the three fields we need.
 */
final class UnfinishedUploadsClient extends MinioAsyncClient {

    /** One multipart upload started and neither completed nor aborted. */
    record UnfinishedUpload(String key, String uploadId, Instant initiated) {}

    UnfinishedUploadsClient(MinioAsyncClient client) {
        super(client);
    }

    /** Every unfinished upload of a key starting with {@code prefix}, following the listing's pages. */
    List<UnfinishedUpload> unfinishedUploads(String bucket, String region, String prefix) throws Exception {
        List<UnfinishedUpload> uploads = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            Multimap<String, String> query = ArrayListMultimap.create();
            query.put("uploads", "");
            query.put("max-uploads", "1000");
            query.put("prefix", prefix);
            if (keyMarker != null) {
                query.put("key-marker", keyMarker);
                query.put("upload-id-marker", uploadIdMarker);
            }
            Document page;
            try (Response response = executeAsync(Method.GET, bucket, null, region, null, query, null, 0).get();
                 InputStream body = response.body().byteStream()) {
                page = parse(body);
            }
            NodeList found = page.getElementsByTagName("Upload");
            for (int i = 0; i < found.getLength(); i++) {
                Element upload = (Element) found.item(i);
                uploads.add(new UnfinishedUpload(text(upload, "Key"), text(upload, "UploadId"),
                        Instant.parse(text(upload, "Initiated"))));
            }
            if (!"true".equals(text(page.getDocumentElement(), "IsTruncated"))) {
                return uploads;
            }
            keyMarker = text(page.getDocumentElement(), "NextKeyMarker");
            uploadIdMarker = text(page.getDocumentElement(), "NextUploadIdMarker");
        }
    }

    private static Document parse(InputStream xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(xml);
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
