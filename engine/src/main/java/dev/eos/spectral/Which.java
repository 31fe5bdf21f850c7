package dev.eos.spectral;

/** Which end of the spectrum to compute. */
public enum Which {
    /** Algebraically largest (the sharpness lambda_1 is the largest of these); the default. */
    LARGEST_ALGEBRAIC,
    /** Largest in magnitude. */
    LARGEST_MAGNITUDE
}
