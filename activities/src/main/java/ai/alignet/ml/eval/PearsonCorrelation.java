package ai.alignet.ml.eval;

/** Pearson product-moment correlation of two equally long samples. */
public final class PearsonCorrelation {

    private PearsonCorrelation() {}

    /** Returns NaN when either sample has zero variance (the correlation is undefined there). */
    public static double correlate(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("samples must have equal length, got " + a.length + " and " + b.length);
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("correlation needs at least 2 paired values, got " + a.length);
        }
        double meanA = 0;
        double meanB = 0;
        for (int n = 0; n < a.length; n++) {
            meanA += a[n];
            meanB += b[n];
        }
        meanA /= a.length;
        meanB /= b.length;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int n = 0; n < a.length; n++) {
            double da = a[n] - meanA;
            double db = b[n] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        if (varA == 0 || varB == 0) {
            return Double.NaN;
        }
        return cov / Math.sqrt(varA * varB);
    }
}
