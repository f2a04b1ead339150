package io.taskstream.bench.micro;

import io.taskstream.bench.report.Figure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecScoresTest {

    @Test
    void eachCodecScoreSitsNextToItsRawLimit() {
        List<Figure> figures = CodecScores.figures(Map.of(
                "codecDecode", new CodecScores.Score(160_000, 4_000),
                "rawTreeParse", new CodecScores.Score(640_000, 9_000),
                "codecEncode", new CodecScores.Score(400_000, 1_000),
                "rawTreeWrite", new CodecScores.Score(800_000, 2_000)));

        assertThat(figures).extracting(Figure::value).containsExactly(160_000.0, 400_000.0, 6.25, 2.5);
        assertThat(figures).extracting(Figure::raw).containsExactly(640_000.0, 800_000.0, 1.5625, 1.25);
        assertThat(figures).extracting(Figure::ratio).containsExactly(0.25, 0.5, 4.0, 2.0);
        assertThat(figures.get(0).metric()).contains("decode").contains("± 4,000");
    }

    @Test
    void aMissingScoreIsAnErrorNotAZero() {
        assertThatThrownBy(() -> CodecScores.figures(Map.of("codecDecode", new CodecScores.Score(1, 0))))
                .hasMessageContaining("no score for");
    }
}
