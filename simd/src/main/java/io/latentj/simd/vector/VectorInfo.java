package io.latentj.simd.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** What the Vector API offers on this machine. Loading this class fails when jdk.incubator.vector is not readable. */
public final class VectorInfo {
    private VectorInfo() {}

    /** The species every float kernel uses. */
    public static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    /** Lanes of the preferred float species (16 with AVX-512). */
    public static int floatLanes() {
        return FLOATS.length();
    }

    /** e.g. "FloatVector 512 bits, 16 lanes". */
    public static String describe() {
        return "FloatVector " + FLOATS.vectorBitSize() + " bits, " + FLOATS.length() + " lanes";
    }
}
