package ai.alignet.runtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload Temporal stores (workflow inputs and results, activity arguments and results,
 * heartbeat details) with AES-GCM, so the history holds no plaintext spec. The key comes from
 * {@code ALIGNET_PAYLOAD_KEY} (base64 of 16, 24 or 32 bytes); clients and workers must share it. The
 * Temporal UI then shows ciphertext unless pointed at a codec server holding the same key.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

    public static final String ENV = "ALIGNET_PAYLOAD_KEY";
    static final ByteString ENCODING = ByteString.copyFromUtf8("binary/encrypted");
    private static final String KEY_ID = "encryption-key-id";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final ByteString keyId;
    private final SecureRandom random = new SecureRandom();

    public AesGcmPayloadCodec(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException(ENV + " must be the base64 of 16, 24 or 32 random bytes (e.g. "
                    + "'openssl rand -base64 32'), got " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        // Names the key without revealing it, so a payload written under another key says so.
        this.keyId = ByteString.copyFromUtf8(HexFormat.of().formatHex(sha256(key)).substring(0, 16));
    }

    /** The codec for {@code ALIGNET_PAYLOAD_KEY}, or empty when it is unset (payloads stay plain JSON). */
    public static Optional<AesGcmPayloadCodec> fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AesGcmPayloadCodec(Base64.getDecoder().decode(value.trim())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + " is not valid: " + e.getMessage()
                    + "; set it to the base64 of 32 random bytes, e.g. export " + ENV + "=$(openssl rand -base64 32)");
        }
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.toByteArray());
            return Payload.newBuilder()
                    .putMetadata("encoding", ENCODING)
                    .putMetadata(KEY_ID, keyId)
                    .setData(ByteString.copyFrom(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    private Payload decrypt(Payload payload) {
        if (!ENCODING.equals(payload.getMetadataOrDefault("encoding", ByteString.EMPTY))) {
            return payload; // written before encryption was switched on
        }
        ByteString writtenWith = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY);
        if (!keyId.equals(writtenWith)) {
            throw new PayloadCodecException("payload was encrypted with key " + writtenWith.toString(StandardCharsets.UTF_8)
                    + " but " + ENV + " is key " + keyId.toString(StandardCharsets.UTF_8)
                    + "; give every client and worker the same " + ENV);
        }
        byte[] data = payload.getData().toByteArray();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            return Payload.parseFrom(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES));
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            throw new PayloadCodecException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
