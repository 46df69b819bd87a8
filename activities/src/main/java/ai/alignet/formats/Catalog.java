package ai.alignet.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What is in a prepared dataset: the category hierarchy and, for each image set, every image's
 * category and superordinate in shard order. Row r of a set's embeddings is image r of its list.
 */
public record Catalog(List<Category> categories, List<Image> corpus, List<Image> things, List<Image> levels) {

    /** A basic category and the superordinate it belongs to. */
    public record Category(int id, String name, int superordinate, String superordinateName) {}

    /** One image: its file name in the shard, category, superordinate and appearance cues. */
    public record Image(String file, int category, int superordinate, int colour, int texture) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the catalog", e);
        }
    }

    public static Catalog fromJson(byte[] json, String source) {
        try {
            return JSON.readValue(json, Catalog.class);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": not a valid dataset catalog: " + e.getMessage());
        }
    }

    public int superordinateCount() {
        return (int) categories.stream().mapToInt(Category::superordinate).distinct().count();
    }

    public static int[] categories(List<Image> images) {
        return images.stream().mapToInt(Image::category).toArray();
    }

    public static int[] superordinates(List<Image> images) {
        return images.stream().mapToInt(Image::superordinate).toArray();
    }
}
