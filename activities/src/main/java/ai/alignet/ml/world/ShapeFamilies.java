package ai.alignet.ml.world;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/**
 * The object shapes of the world, in unit coordinates ([-1, 1], y down). Each superordinate is a family
 * whose members share visual parts (animals: curved bodies; plants: upright stems; vehicles: boxes on
 * wheels; tools: thin handles with a head), so the hierarchy is present in the pixels, but only through
 * non-trivial spatial features that a colour-driven model does not rank by.
 */
final class ShapeFamilies {

    static final List<String> SUPERORDINATE_NAMES = List.of("animal", "plant", "vehicle", "tool");
    static final int BASIC_PER_FAMILY = 4;
    static final List<List<String>> BASIC_NAMES = List.of(
            List.of("lizard", "fish", "bird", "snake"),
            List.of("fern", "cactus", "flower", "tree"),
            List.of("car", "truck", "bus", "bicycle"),
            List.of("hammer", "screwdriver", "wrench", "saw"));

    private ShapeFamilies() {}

    static Shape shape(int superordinate, int basic) {
        return switch (superordinate) {
            case 0 -> animal(basic);
            case 1 -> plant(basic);
            case 2 -> vehicle(basic);
            case 3 -> tool(basic);
            default -> throw new IllegalArgumentException("no shape family " + superordinate);
        };
    }

    private static Shape animal(int basic) {
        Area a = new Area();
        switch (basic) {
            case 0 -> { // lizard: long low body, head, tail, four legs
                a.add(ellipse(-0.6, -0.15, 1.2, 0.3));
                a.add(ellipse(0.5, -0.14, 0.35, 0.26));
                a.add(polygon(-0.55, -0.07, -0.98, 0.02, -0.55, 0.07));
                for (double x : new double[] {-0.35, 0.25}) {
                    a.add(ellipse(x - 0.06, -0.38, 0.12, 0.3));
                    a.add(ellipse(x - 0.06, 0.08, 0.12, 0.3));
                }
            }
            case 1 -> { // fish: deep oval body with a forked tail
                a.add(ellipse(-0.5, -0.38, 1.2, 0.76));
                a.add(polygon(-0.45, 0.0, -0.95, -0.42, -0.8, 0.0, -0.95, 0.42));
            }
            case 2 -> { // bird: round body, head, beak, tail
                a.add(ellipse(-0.55, -0.1, 0.9, 0.6));
                a.add(ellipse(0.15, -0.55, 0.42, 0.42));
                a.add(polygon(0.55, -0.42, 0.9, -0.33, 0.55, -0.24));
                a.add(polygon(-0.5, 0.1, -0.95, -0.15, -0.9, 0.25));
            }
            default -> { // snake: thick wave
                Path2D wave = new Path2D.Double();
                wave.moveTo(-0.85, 0);
                for (int s = 1; s <= 40; s++) {
                    double x = -0.85 + 1.7 * s / 40.0;
                    wave.lineTo(x, 0.4 * Math.sin(x * Math.PI * 1.3));
                }
                a.add(new Area(new BasicStroke(0.24f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                        .createStrokedShape(wave)));
                a.add(ellipse(0.7, -0.12, 0.28, 0.26));
            }
        }
        return a;
    }

    private static Shape plant(int basic) {
        Area a = new Area();
        switch (basic) {
            case 0 -> { // fern: stem with paired leaflets shrinking upwards
                a.add(rect(-0.04, -0.9, 0.08, 1.8));
                for (int i = 0; i < 6; i++) {
                    double y = 0.7 - i * 0.28;
                    double w = 0.75 - i * 0.1;
                    a.add(ellipse(-w, y - 0.07, w, 0.14));
                    a.add(ellipse(0, y - 0.07 - 0.1, w, 0.14));
                }
            }
            case 1 -> { // cactus: upright column with two raised arms
                a.add(new Area(new RoundRectangle2D.Double(-0.17, -0.85, 0.34, 1.75, 0.3, 0.3)));
                a.add(rect(-0.6, 0.0, 0.45, 0.16));
                a.add(new Area(new RoundRectangle2D.Double(-0.62, -0.5, 0.18, 0.66, 0.16, 0.16)));
                a.add(rect(0.15, -0.25, 0.45, 0.16));
                a.add(new Area(new RoundRectangle2D.Double(0.46, -0.7, 0.18, 0.61, 0.16, 0.16)));
            }
            case 2 -> { // flower: stem, two leaves, a ring of petals
                a.add(rect(-0.04, -0.2, 0.08, 1.1));
                a.add(ellipse(-0.45, 0.35, 0.42, 0.14));
                a.add(ellipse(0.03, 0.5, 0.42, 0.14));
                for (int p = 0; p < 6; p++) {
                    double ang = p * Math.PI / 3;
                    a.add(ellipse(0.3 * Math.cos(ang) - 0.17, -0.45 + 0.3 * Math.sin(ang) - 0.17, 0.34, 0.34));
                }
                a.add(ellipse(-0.16, -0.61, 0.32, 0.32));
            }
            default -> { // tree: trunk under a big round crown
                a.add(rect(-0.11, 0.1, 0.22, 0.8));
                a.add(ellipse(-0.62, -0.9, 1.24, 1.1));
            }
        }
        return a;
    }

    private static Shape vehicle(int basic) {
        Area a = new Area();
        switch (basic) {
            case 0 -> { // car: low body, cabin, two wheels
                a.add(rect(-0.85, -0.05, 1.7, 0.38));
                a.add(polygon(-0.45, -0.05, -0.3, -0.4, 0.35, -0.4, 0.5, -0.05));
                a.add(ellipse(-0.65, 0.18, 0.38, 0.38));
                a.add(ellipse(0.27, 0.18, 0.38, 0.38));
            }
            case 1 -> { // truck: tall cargo box, cab, three wheels
                a.add(rect(-0.9, -0.6, 1.15, 0.9));
                a.add(rect(0.3, -0.25, 0.55, 0.55));
                for (double x : new double[] {-0.75, -0.3, 0.45}) {
                    a.add(ellipse(x, 0.22, 0.32, 0.32));
                }
            }
            case 2 -> { // bus: long box with a row of windows, two wheels
                a.add(rect(-0.92, -0.5, 1.84, 0.8));
                for (int w = 0; w < 5; w++) {
                    a.subtract(new Area(rect(-0.8 + w * 0.33, -0.38, 0.22, 0.22)));
                }
                a.add(ellipse(-0.7, 0.18, 0.34, 0.34));
                a.add(ellipse(0.38, 0.18, 0.34, 0.34));
            }
            default -> { // bicycle: two rings joined by a frame
                for (double x : new double[] {-0.55, 0.55}) {
                    Area ring = new Area(ellipse(x - 0.38, -0.08, 0.76, 0.76));
                    ring.subtract(new Area(ellipse(x - 0.26, 0.04, 0.52, 0.52)));
                    a.add(ring);
                }
                Path2D frame = new Path2D.Double();
                frame.moveTo(-0.55, 0.3);
                frame.lineTo(-0.1, -0.3);
                frame.lineTo(0.4, -0.3);
                frame.lineTo(0.55, 0.3);
                frame.moveTo(-0.1, -0.3);
                frame.lineTo(0.05, 0.3);
                frame.lineTo(-0.55, 0.3);
                a.add(new Area(new BasicStroke(0.12f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                        .createStrokedShape(frame)));
            }
        }
        return a;
    }

    private static Shape tool(int basic) {
        Area a = new Area();
        switch (basic) {
            case 0 -> { // hammer: handle under a crosswise head
                a.add(rect(-0.08, -0.45, 0.16, 1.35));
                a.add(rect(-0.5, -0.8, 1.0, 0.36));
            }
            case 1 -> { // screwdriver: fat grip, thin shaft
                a.add(new Area(new RoundRectangle2D.Double(-0.17, 0.05, 0.34, 0.85, 0.2, 0.2)));
                a.add(rect(-0.04, -0.9, 0.08, 1.0));
            }
            case 2 -> { // wrench: shaft with open jaws at both ends
                a.add(rect(-0.09, -0.6, 0.18, 1.2));
                for (double y : new double[] {-0.65, 0.65}) {
                    Area jaw = new Area(ellipse(-0.3, y - 0.3, 0.6, 0.6));
                    jaw.subtract(new Area(rect(-0.1, y + (y < 0 ? -0.35 : 0.05), 0.2, 0.3)));
                    a.add(jaw);
                }
            }
            default -> { // saw: toothed blade with a handle
                Path2D blade = new Path2D.Double();
                blade.moveTo(-0.25, -0.45);
                blade.lineTo(0.25, -0.45);
                blade.lineTo(0.12, 0.95);
                for (int t = 0; t < 7; t++) {
                    double y = 0.95 - t * 0.2;
                    blade.lineTo(-0.05, y - 0.1);
                    blade.lineTo(-0.1, y - 0.2);
                }
                blade.closePath();
                a.add(new Area(blade));
                Area handle = new Area(new RoundRectangle2D.Double(-0.32, -0.95, 0.64, 0.55, 0.2, 0.2));
                handle.subtract(new Area(ellipse(-0.16, -0.82, 0.32, 0.25)));
                a.add(handle);
            }
        }
        return a;
    }

    private static Area ellipse(double x, double y, double w, double h) {
        return new Area(new Ellipse2D.Double(x, y, w, h));
    }

    private static Area rect(double x, double y, double w, double h) {
        return new Area(new Rectangle2D.Double(x, y, w, h));
    }

    private static Area polygon(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return new Area(p);
    }
}
