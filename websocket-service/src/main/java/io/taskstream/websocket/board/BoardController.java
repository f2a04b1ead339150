package io.taskstream.websocket.board;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.net.URL;
import java.util.Map;

/**
 * The live board: a static page ({@code classpath:public/board}, mapped to {@code /board/**}) and
 * the little configuration it reads at start. Anonymous: only the page's API calls and its socket
 * carry the user's token. The page refers to its assets by absolute path, so {@code /board} and
 * {@code /board/} (which Micronaut routes alike) both serve it.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
class BoardController {

    static final String UPDATES_PATH = "/ws/updates";
    private static final String PAGE = "classpath:public/board/index.html";

    private final String apiUrl;
    private final URL page;

    BoardController(@Value("${taskstream.board.api-url}") String apiUrl, ResourceResolver resources) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.page = resources.getResource(PAGE).orElseThrow(() -> new IllegalStateException(PAGE + " is missing"));
    }

    @Get("/")
    HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/board/"));
    }

    @Get(value = "/board", produces = MediaType.TEXT_HTML)
    HttpResponse<StreamedFile> board() {
        return HttpResponse.ok(new StreamedFile(page)).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    /** Where the page finds the task API (its browser-facing URL) and the updates socket. */
    @Get(value = "/board/config.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, String>> config() {
        return HttpResponse.ok(Map.of("api_url", apiUrl, "updates_path", UPDATES_PATH))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
