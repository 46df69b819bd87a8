package ai.alignet.formats;

import ai.alignet.storage.ArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * An image corpus as a folder tree under an S3 prefix, ImageNet-style: {@code <prefix>/<class>/<file>}
 * (JPEG or PNG), the class taken from the folder name; images directly under the prefix have no class.
 * Classes are numbered in sorted name order, as torchvision's ImageFolder does.
 */
public final class ImageFolderTree {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    /** One image: its store key, path under the prefix, class name ("" if none) and class index (-1 if none). */
    public record Image(String key, String path, String className, int classIndex) {}

    private ImageFolderTree() {}

    /** Lists the images under {@code prefix} in key order; other files (labels, manifests) are ignored. */
    public static List<Image> list(ArtifactStore store, String prefix) {
        String root = prefix.endsWith("/") ? prefix : prefix + "/";
        List<Image> images = of(root, store.list(root));
        if (images.isEmpty()) {
            throw new InvalidInputException(root + ": no .jpg, .jpeg or .png images under this prefix; "
                    + "upload the corpus as <prefix>/<class>/<image>");
        }
        return images;
    }

    /** The images among {@code keys} (all under {@code root}, which ends with '/'). */
    public static List<Image> of(String root, List<String> keys) {
        List<String> imageKeys = new ArrayList<>();
        TreeSet<String> classes = new TreeSet<>();
        for (String key : keys) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (!key.startsWith(root) || EXTENSIONS.stream().noneMatch(lower::endsWith)) {
                continue;
            }
            imageKeys.add(key);
            String path = key.substring(root.length());
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                classes.add(path.substring(0, slash));
            }
        }
        List<String> classList = new ArrayList<>(classes);
        List<Image> out = new ArrayList<>(imageKeys.size());
        for (String key : imageKeys.stream().sorted().toList()) {
            String path = key.substring(root.length());
            int slash = path.lastIndexOf('/');
            String cls = slash > 0 ? path.substring(0, slash) : "";
            out.add(new Image(key, path, cls, cls.isEmpty() ? -1 : classList.indexOf(cls)));
        }
        return out;
    }
}
