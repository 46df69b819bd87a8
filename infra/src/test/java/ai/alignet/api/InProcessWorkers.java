package ai.alignet.api;

import ai.alignet.pipeline.TaskQueues;
import ai.alignet.runtime.PipelineWorkers;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.runtime.TemporalSettings;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.storage.StoreConfig;

/**
 * Pipeline workers for every queue in the test JVM, always loaded by the system class loader.
 *
 * <p>Why: libtorch's native libraries bind to the first class loader that loads them. Quarkus tests
 * load their resources in Quarkus' own class loader, while plain tests in the same JVM (DemoCommandTest)
 * use the system one; whichever loads DJL second would fail with "already loaded in another
 * classloader". Loading the workers through the system class loader keeps DJL in one place.
 */
public final class InProcessWorkers {

    private InProcessWorkers() {}

    /** Called reflectively through the system class loader; only JDK types cross the boundary. */
    public static AutoCloseable start(String temporalAddress, String s3Endpoint, String accessKey, String secretKey,
            String bucket) {
        S3ArtifactStore store = new S3ArtifactStore(new StoreConfig(s3Endpoint, accessKey, secretKey, bucket, "us-east-1"));
        store.ensureBucket();
        TemporalConnection connection = TemporalConnection.open(new TemporalSettings(temporalAddress, "default"));
        PipelineWorkers workers = PipelineWorkers.start(connection.client(), store, TaskQueues.ALL, 2);
        return () -> {
            workers.close();
            connection.close();
        };
    }

    /** Starts them via the system class loader, whichever loader runs the caller. */
    static AutoCloseable startInSystemClassLoader(String temporalAddress, String s3Endpoint, String accessKey,
            String secretKey, String bucket) {
        // DJL finds its engine through the context class loader, and the worker threads inherit it.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            Class<?> type = ClassLoader.getSystemClassLoader().loadClass(InProcessWorkers.class.getName());
            return (AutoCloseable) type.getMethod("start", String.class, String.class, String.class, String.class,
                    String.class).invoke(null, temporalAddress, s3Endpoint, accessKey, secretKey, bucket);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start in-process workers", e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }
}
