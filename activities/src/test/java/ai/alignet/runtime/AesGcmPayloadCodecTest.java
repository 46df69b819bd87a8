package ai.alignet.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.pipeline.AlignmentPipeline;
import ai.alignet.pipeline.AlignmentPipelineImpl;
import ai.alignet.pipeline.RunSearchAttributes;
import ai.alignet.pipeline.TaskQueues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.api.enums.v1.IndexedValueType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With ALIGNET_PAYLOAD_KEY set, what Temporal stores is ciphertext; the right key reads it back. */
class AesGcmPayloadCodecTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String MARKER = "plaintext-marker-42";

    @Test
    void roundTripsAndHidesThePlaintext() {
        AesGcmPayloadCodec codec = new AesGcmPayloadCodec(KEY);
        Payload plain = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8("{\"name\":\"" + MARKER + "\"}")).build();
        Payload sealed = codec.encode(List.of(plain)).get(0);
        assertThat(sealed.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain(MARKER).doesNotContain("json/plain");
        assertThat(codec.decode(List.of(sealed))).containsExactly(plain);
        assertThat(codec.encode(List.of(plain)).get(0)).as("fresh IV per payload").isNotEqualTo(sealed);

        AesGcmPayloadCodec otherKey = new AesGcmPayloadCodec("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> otherKey.decode(List.of(sealed))).isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining(AesGcmPayloadCodec.ENV);
    }

    @Test
    void readsItsKeyFromTheEnvironmentAndExplainsABadOne() {
        assertThat(AesGcmPayloadCodec.fromEnvironment(Map.of())).isEmpty();
        assertThat(AesGcmPayloadCodec.fromEnvironment(Map.of(AesGcmPayloadCodec.ENV, Base64.getEncoder().encodeToString(KEY))))
                .isPresent();
        assertThatThrownBy(() -> AesGcmPayloadCodec.fromEnvironment(Map.of(AesGcmPayloadCodec.ENV, "c2hvcnQ=")))
                .hasMessageContaining("16, 24 or 32").hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void theStoredHistoryHoldsNoPlaintextSpec() throws Exception {
        CodecDataConverter converter = new CodecDataConverter(DefaultDataConverter.newDefaultInstance(),
                List.of(new AesGcmPayloadCodec(KEY)));
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(converter).build())
                .build());
        try {
            // The run upserts our search attributes; an unregistered one would stall its first task.
            for (String name : RunSearchAttributes.NAMES) {
                env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
            }
            env.newWorker(TaskQueues.CONTROL).registerWorkflowImplementationTypes(AlignmentPipelineImpl.class);
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            JsonNode spec = new ObjectMapper().readTree("{\"preset\": \"synthetic-tiny\", \"name\": \"" + MARKER + "\"}");
            AlignmentPipeline pipeline = client.newWorkflowStub(AlignmentPipeline.class,
                    WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CONTROL).setWorkflowId("sealed").build());
            WorkflowExecution run = WorkflowClient.start(pipeline::run, spec);

            // No activity worker: the run stops at its first activities, whose arguments carry the spec's parts.
            GetWorkflowExecutionHistoryResponse history = awaitActivityScheduled(env, run);
            String stored = history.toByteString().toString(StandardCharsets.ISO_8859_1);
            // Search attributes (run id, stage, teacher, student names, spec digest) stay readable by
            // design: the server indexes them. Everything else — the spec above all — is sealed.
            assertThat(stored).doesNotContain(MARKER).doesNotContain("synthetic-tiny").doesNotContain("cluster_border");

            JsonNode readBack = converter.fromPayloads(0, Optional.of(history.getHistory().getEvents(0)
                    .getWorkflowExecutionStartedEventAttributes().getInput()), JsonNode.class, JsonNode.class);
            assertThat(readBack).isEqualTo(spec);
            client.newUntypedWorkflowStub("sealed").terminate("test over");
        } finally {
            env.close();
        }
    }

    private static GetWorkflowExecutionHistoryResponse awaitActivityScheduled(TestWorkflowEnvironment env,
            WorkflowExecution run) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            GetWorkflowExecutionHistoryResponse response = env.getWorkflowServiceStubs().blockingStub()
                    .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(env.getNamespace()).setExecution(run).build());
            if (response.getHistory().getEventsList().stream()
                    .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)) {
                return response;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run scheduled no activity");
    }
}
