package ai.alignet.ml;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PyTorchEngineTest {

    @Test
    void loadsThePinnedLibtorchFromTheClasspathWithoutDownloading() {
        Engine engine = Engine.getEngine("PyTorch");
        assertThat(engine.getVersion()).startsWith("2.5.1");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray a = manager.create(new float[] {1, 2, 3});
            assertThat(a.dot(a).getFloat()).isEqualTo(14f);
        }
    }
}
