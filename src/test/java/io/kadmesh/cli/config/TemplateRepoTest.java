package io.kadmesh.cli.config;

import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test on a fresh work tree of the {@code config-repo/} template, made before each test method. */
abstract class TemplateRepoTest {

    @TempDir
    Path directory;

    Git git;
    Repository repository;
    /** The work tree, as {@code --repo} takes it. */
    String repo;

    @BeforeEach
    void createRepository() throws Exception {
        git = ConfigRepoFixture.templateRepo(directory);
        repository = git.getRepository();
        repo = directory.toString();
    }

    @AfterEach
    void closeRepository() {
        git.close();
    }
}
