package ai.alignet.ml.distill;

import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.djl.nn.Block;
import java.util.List;

/**
 * What a student trains on: its descriptor (input size, normalisation), the student block (backbone +
 * head, parameters initialised or loaded), the decoded images (CHW bytes), and teacher labels whose
 * a/b/c index those images.
 */
public record DistillInputs(BackboneDescriptor descriptor, Block studentBlock, List<ChwImage> images,
        List<LabelledTriplet> labels) {

    public DistillInputs {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no labelled triplets to distil from; run the label stage first");
        }
        for (int i = 0; i < labels.size(); i++) {
            LabelledTriplet t = labels.get(i);
            int max = Math.max(t.a(), Math.max(t.b(), t.c()));
            if (Math.min(t.a(), Math.min(t.b(), t.c())) < 0 || max >= images.size()) {
                throw new IllegalArgumentException("label " + i + " refers to image " + max + " (or a negative index) but only "
                        + images.size() + " images were given; pass the images the labels were made for");
            }
        }
        images = List.copyOf(images);
        labels = List.copyOf(labels);
    }
}
