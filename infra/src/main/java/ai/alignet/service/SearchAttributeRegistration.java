package ai.alignet.service;

import ai.alignet.pipeline.RunSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the run search attributes ({@link RunSearchAttributes}) on a namespace when they are
 * missing. A server rejects an upsert of an unregistered attribute, so every process that brings up or
 * serves a Temporal for this project (embedded stack, worker, control plane) makes sure they exist.
 */
public final class SearchAttributeRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistration.class);

    private SearchAttributeRegistration() {}

    /** Adds the missing attributes; returns the names it added (empty when all were there). */
    public static Map<String, IndexedValueType> ensure(String address, String namespace) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
                OperatorServiceStubsOptions.newBuilder().setTarget(address).validateAndBuildWithDefaults());
        try {
            Set<String> existing = registered(operator, namespace);
            Map<String, IndexedValueType> added = new LinkedHashMap<>();
            for (String name : RunSearchAttributes.NAMES) {
                if (existing.contains(name)) {
                    continue;
                }
                try {
                    operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                            .build());
                    added.put(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
                } catch (StatusRuntimeException e) {
                    // Registered meanwhile by another process (or a server that cannot list them): fine.
                    if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
            if (!added.isEmpty()) {
                LOG.info("event=search_attributes_registered namespace={} names={}", namespace, added.keySet());
            }
            return added;
        } finally {
            operator.shutdown();
        }
    }

    /** The custom attributes the namespace has; empty when the server cannot list them (the test server). */
    private static Set<String> registered(OperatorServiceStubs operator, String namespace) {
        try {
            ListSearchAttributesResponse existing = operator.blockingStub()
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
            Set<String> names = new HashSet<>(existing.getCustomAttributesMap().keySet());
            names.addAll(existing.getSystemAttributesMap().keySet());
            return names;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return Set.of();
            }
            throw e;
        }
    }

    /** As {@link #ensure}, but a failure (no permission, old server) is logged, not thrown. */
    public static void tryEnsure(String address, String namespace) {
        try {
            ensure(address, namespace);
        } catch (RuntimeException e) {
            LOG.warn("event=search_attributes_not_registered namespace={} reason=\"{}\" fix=\"register them: temporal "
                    + "operator search-attribute create --name AlignetStage --type Keyword (and AlignetRunId, "
                    + "AlignetTeacher, AlignetStudent, AlignetSpecDigest)\"", namespace, e.getMessage());
        }
    }
}
