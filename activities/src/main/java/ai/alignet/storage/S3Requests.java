package ai.alignet.storage;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import io.minio.MinioAsyncClient;
import io.minio.Signer;
import io.minio.Time;
import io.minio.credentials.Credentials;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InternalException;
import io.minio.http.HttpUtils;
import io.minio.http.Method;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.io.InputStream;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * The MinIO async client, plus two requests its API does not offer as the store needs them:
 * <ul>
 *   <li>a listing of unfinished multipart uploads that works with SeaweedFS: the SDK's
 *       {@code listMultipartUploadsAsync} requires an {@code <Initiator>} element per upload, which
 *       SeaweedFS does not send, so it fails on any non-empty listing. Here the same signed request
 *       is parsed for the three fields we need;</li>
 *   <li>a part upload whose payload sha256 was computed ahead ({@link FilePart}): the SDK hashes
 *       every part itself just before sending it, so that work always lands in the upload.</li>
 * </ul>
 */
final class S3Requests extends MinioAsyncClient {

    /** One multipart upload started and neither completed nor aborted. */
    record UnfinishedUpload(String key, String uploadId, Instant initiated) {}

    S3Requests(MinioAsyncClient client) {
        super(client);
    }

    /**
     * Uploads part {@code partNumber} of multipart upload {@code uploadId}, its bytes and signed
     * payload hash from {@code part}; a server that checks payload hashes (AWS S3, MinIO, S3Proxy)
     * refuses bytes that differ from it.
     *
     * @return the part's ETag, for the completion
     */
    CompletableFuture<String> uploadPart(String bucket, String region, String key, String uploadId, int partNumber,
            FilePart part) throws Exception {
        Multimap<String, String> query = ArrayListMultimap.create();
        query.put("partNumber", Integer.toString(partNumber));
        query.put("uploadId", uploadId);
        return executeAsync(Method.PUT, bucket, key, region, null, query, new SignedPart(part, region), 0)
                .thenApply(response -> {
                    try (response) {
                        String etag = response.header("ETag");
                        if (etag == null) {
                            throw new IllegalStateException("the server accepted part " + partNumber + " of '" + key
                                    + "' without an ETag, which completing the upload needs");
                        }
                        return etag.replace("\"", "");
                    }
                });
    }

    /** A part on its way through {@link #executeAsync}, with what {@link #createRequest} needs to sign it. */
    private static final class SignedPart extends RequestBody {
        private final FilePart part;
        private final String region;

        private SignedPart(FilePart part, String region) {
            this.part = part;
            this.region = region;
        }

        @Override
        public MediaType contentType() {
            return null;
        }

        @Override
        public long contentLength() {
            return part.length();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            part.writeTo(sink);
        }
    }

    /**
     * The SDK sends a {@link RequestBody} as given, unsigned; a {@link SignedPart} gets the
     * same headers the SDK gives the parts it hashes itself, and is signed here with its own hash.
     */
    @Override
    protected Request createRequest(HttpUrl url, Method method, Headers headers, Object body, int length,
            Credentials creds) throws InsufficientDataException, InternalException,
            IOException, NoSuchAlgorithmException {
        if (!(body instanceof SignedPart signed)) {
            return super.createRequest(url, method, headers, body, length, creds);
        }
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Host", HttpUtils.getHostHeader(url))
                .header("Accept-Encoding", "identity")
                .header("x-amz-content-sha256", signed.part.sha256())
                .header("x-amz-date", ZonedDateTime.now().format(Time.AMZ_DATE_FORMAT))
                .method(method.toString(), signed);
        if (creds == null) {
            return request.build();
        }
        if (creds.sessionToken() != null) {
            request.header("X-Amz-Security-Token", creds.sessionToken());
        }
        try {
            return Signer.signV4S3(request.build(), signed.region, creds.accessKey(), creds.secretKey(),
                    signed.part.sha256());
        } catch (InvalidKeyException e) {
            throw new InternalException("cannot sign part upload: " + e.getMessage(), null);
        }
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
