package io.taskstream.bench.fanout;

import io.taskstream.bench.report.Point;

import java.util.ArrayList;
import java.util.List;

/**
 * One memory measure (MiB) of a server at several open-socket counts, the idle server included (0 sockets).
 * Per 1k connections = the least-squares slope through every step, so one noisy step does not decide it.
 */
final class MemoryCurve {

    private final List<Point> points = new ArrayList<>();

    void add(int connections, double mib) {
        points.add(new Point(connections, mib));
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    /** MiB per 1,000 connections; NaN with fewer than two distinct connection counts. */
    double perThousand() {
        int n = points.size();
        double mx = points.stream().mapToDouble(Point::x).average().orElse(0);
        double my = points.stream().mapToDouble(Point::y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (Point p : points) {
            sxy += (p.x() - mx) * (p.y() - my);
            sxx += (p.x() - mx) * (p.x() - mx);
        }
        return n < 2 || sxx == 0 ? Double.NaN : sxy / sxx * 1_000;
    }

    /** The measure at the idle step (0 connections), or the first one. */
    double idle() {
        return points.stream().filter(p -> p.x() == 0).mapToDouble(Point::y).findFirst()
                .orElse(points.isEmpty() ? Double.NaN : points.get(0).y());
    }

    /** The idle measure plus the slope times {@code connections} / 1,000. */
    double projected(int connections) {
        return idle() + perThousand() * connections / 1_000.0;
    }

    /** The step with the most connections. */
    Point last() {
        return points.stream().max((a, b) -> Double.compare(a.x(), b.x())).orElseThrow();
    }
}
