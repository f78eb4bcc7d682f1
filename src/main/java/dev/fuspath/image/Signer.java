package dev.fuspath.image;

/** Who signed the image last, from the magic that ends the file. */
public enum Signer {
    ST,
    CUSTOMER
}
