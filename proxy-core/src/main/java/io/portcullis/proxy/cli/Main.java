package io.portcullis.proxy.cli;

/** Entry point of {@code portcullis.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("portcullis: being built");
    }
}
