package ai.alignet.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.LabelledTriplet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelShardFileTest {

    private static final LabelledTriplet A = new LabelledTriplet(0, 1, 2, 3f, 2f, 1f);
    private static final LabelledTriplet B = new LabelledTriplet(4, 3, 5, 0.5f, 0.25f, -1f);

    @Test
    void aShardWrittenInPartsIsTheShardEncodedAtOnce() {
        LabelShardFile.Writer writer = new LabelShardFile.Writer(3);
        writer.addAll(List.of(A));
        writer.addAll(List.of());
        writer.addAll(List.of(B, A));
        assertThat(writer.toBytes()).isEqualTo(LabelShardFile.encode(List.of(A, B, A)));
        assertThat(LabelShardFile.decode(writer.toBytes(), "s", 6)).containsExactly(A, B, A);
    }

    @Test
    void aWriterRefusesMoreLabelsThanItsSizeAndBytesBeforeItIsFull() {
        LabelShardFile.Writer writer = new LabelShardFile.Writer(2);
        writer.addAll(List.of(A));
        assertThatThrownBy(writer::toBytes).hasMessageContaining("sized for 2 labels but only 1 were added");
        assertThatThrownBy(() -> writer.addAll(List.of(A, B))).hasMessageContaining("1 are written and 2 more do not fit");
    }
}
