package ai.alignet.service;

import ai.alignet.storage.S3ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;

/** The artifact store (S3_*), opened on first use. */
@ApplicationScoped
public class ArtifactAccess {

    private S3ArtifactStore store;

    public synchronized S3ArtifactStore store() {
        if (store == null) {
            S3ArtifactStore opened = new S3ArtifactStore(ControlPlaneSettings.store());
            opened.ensureBucket();
            store = opened;
        }
        return store;
    }
}
