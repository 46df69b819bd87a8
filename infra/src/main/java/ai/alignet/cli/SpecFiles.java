package ai.alignet.cli;

import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.pipeline.spec.SpecParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a {@code --spec} file: the same JSON a user types into the Temporal UI's start form. */
final class SpecFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecFiles() {}

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserError("spec file " + file + " does not exist; pass an existing JSON file to --spec");
        } catch (JsonProcessingException e) {
            throw new UserError("spec file " + file + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UserError("cannot read spec file " + file + ": " + e.getMessage());
        }
    }

    static JsonNode demo() {
        return JSON.createObjectNode().put("preset", "synthetic-demo");
    }

    /** Validates locally so a bad spec is reported before anything is started. */
    static PipelineSpec validate(JsonNode spec) {
        return SpecParser.parse(spec);
    }
}
