package io.msgkey.recorder.demo;

import io.quarkus.qute.TemplateExtension;

/** {@code {demo:active}} in the console's templates: the demo banner and its sample-traffic button. */
@TemplateExtension(namespace = "demo")
public class DemoTemplateExtensions {

    static boolean active() {
        return Demo.active();
    }
}
