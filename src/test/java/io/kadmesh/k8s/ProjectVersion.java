package io.kadmesh.k8s;

import java.io.IOException;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The project version, {@code <project><version>} of {@code pom.xml}: the tag of the node's image. */
public final class ProjectVersion {

    private ProjectVersion() {
    }

    /** The version in {@code projectDir/pom.xml}. */
    public static String of(Path projectDir) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(projectDir.resolve("pom.xml").toFile())
                    .getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("version".equals(child.getNodeName())) {
                    return child.getTextContent().trim();
                }
            }
            throw new IOException(projectDir.resolve("pom.xml") + " has no <version> of its own");
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + projectDir.resolve("pom.xml"), e);
        }
    }
}
