/*
 * yaml-floor — the cost any libyaml-based tool pays to read a set of YAML files.
 *
 * Benchmarks/run builds this against the libyaml sources contractc itself links (the CYaml
 * target vendored by Yams) and times it next to `contractc lint`: whatever contractc does on
 * top of reading the bytes and running libyaml is its own cost.
 *
 * Usage:
 *   yaml-floor events|load [-j THREADS] [--list FILE] [PATH ...]
 *
 *   events   yaml_parser_parse every event of every file (then yaml_event_delete): the bare
 *            scanner + parser, no tree built. contractc builds its tree from these events.
 *   load     load every document of every file into a libyaml node tree (yaml_document_t),
 *            then yaml_document_delete: what yaml_parser_load does (see load_document below),
 *            the nearest libyaml equivalent of the tree contractc's parser builds.
 *   -j N     worker threads (default 1). Files are dealt out to the threads the way contractc
 *            does on all cores: thread t takes files t, t+N, t+2N, ...
 *   --list F a file with one path per line (may be repeated).
 *   PATH     a file, or a folder walked recursively for *.contract.yaml.
 *
 * Each file is read fully into memory (as contractc does) and then parsed from that buffer.
 * Prints one line, "files=… bytes=… events=… nodes=… errors=…", and exits 1 when any file
 * could not be read or parsed (so a broken corpus is not mistaken for a fast one).
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

enum mode { MODE_EVENTS, MODE_LOAD, MODE_LOAD_LIBYAML };

static const char SUFFIX[] = ".contract.yaml";

/* ---- the list of files ---------------------------------------------------------------- */

static char **paths = NULL;
static size_t path_count = 0, path_capacity = 0;

static void add_path(const char *path) {
    if (path_count == path_capacity) {
        path_capacity = path_capacity ? path_capacity * 2 : 256;
        paths = realloc(paths, path_capacity * sizeof *paths);
        if (!paths) { perror("realloc"); exit(2); }
    }
    paths[path_count] = strdup(path);
    if (!paths[path_count]) { perror("strdup"); exit(2); }
    path_count++;
}

static int has_suffix(const char *name) {
    size_t n = strlen(name), s = sizeof SUFFIX - 1;
    return n > s && strcmp(name + n - s, SUFFIX) == 0;
}

static void walk(const char *folder) {
    DIR *dir = opendir(folder);
    if (!dir) { fprintf(stderr, "yaml-floor: %s: %s\n", folder, strerror(errno)); exit(2); }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        size_t length = strlen(folder) + strlen(entry->d_name) + 2;
        char *path = malloc(length);
        if (!path) { perror("malloc"); exit(2); }
        snprintf(path, length, "%s/%s", folder, entry->d_name);
        struct stat info;
        if (stat(path, &info) == 0) {
            if (S_ISDIR(info.st_mode)) walk(path);
            else if (S_ISREG(info.st_mode) && has_suffix(entry->d_name)) add_path(path);
        }
        free(path);
    }
    closedir(dir);
}

static void read_list(const char *list) {
    FILE *file = fopen(list, "r");
    if (!file) { fprintf(stderr, "yaml-floor: %s: %s\n", list, strerror(errno)); exit(2); }
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &capacity, file)) > 0) {
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = 0;
        if (length > 0) add_path(line);
    }
    free(line);
    fclose(file);
}

static int compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the work ------------------------------------------------------------------------- */

/* One per thread, each on cache lines of its own (the counters change on every event). */
struct worker {
    pthread_t thread;
    enum mode mode;
    size_t first, stride;
    unsigned long long bytes, events, nodes, errors;
} __attribute__((aligned(128)));

/* Reads a whole file into memory; returns NULL on failure. */
static unsigned char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    struct stat info;
    if (fstat(fileno(file), &info) != 0) { fclose(file); return NULL; }
    size_t capacity = (size_t)info.st_size;
    unsigned char *bytes = malloc(capacity ? capacity : 1);
    if (!bytes) { fclose(file); return NULL; }
    size_t got = fread(bytes, 1, capacity, file);
    fclose(file);
    if (got != capacity) { free(bytes); return NULL; }
    *size = got;
    return bytes;
}

static void parse_events(struct worker *w, const char *path, const unsigned char *bytes, size_t size) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) { w->errors++; return; }
    yaml_parser_set_input_string(&parser, bytes, size);
    unsigned long long events = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "yaml-floor: %s: %s\n", path, parser.problem ? parser.problem : "parse error");
            w->errors++;
            break;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    w->events += events;
    yaml_parser_delete(&parser);
}

/*
 * The document load. Yams vendors libyaml without loader.c (it composes in Swift), so there is
 * no yaml_parser_load in the library contractc links. load_document below is a transcription of
 * libyaml 0.2.5's loader.c onto the same public structures: every event becomes a yaml_node_t
 * that takes over the event's strings (no copies, as loader.c does), scalars without a tag get
 * the default tag, sequences and mappings grow their item and pair stacks, aliases are resolved
 * through the anchors, and the result is released with libyaml's own yaml_document_delete.
 * Built with -DYAML_FLOOR_LIBYAML_LOADER against a full libyaml, mode "load-libyaml" runs the
 * real yaml_parser_load for comparison.
 */

struct anchor { yaml_char_t *name; int node; };

struct loader {
    yaml_document_t *document;
    int *parents;                       /* indexes of the open sequences and mappings */
    size_t parent_count, parent_capacity;
    struct anchor *anchors;
    size_t anchor_count, anchor_capacity;
};

#define GROW(pointer, count, capacity, initial)                                         \
    do {                                                                                \
        if ((count) == (capacity)) {                                                    \
            size_t grown = (capacity) ? (capacity) * 2 : (initial);                     \
            void *moved = realloc((pointer), grown * sizeof *(pointer));                \
            if (!moved) { perror("realloc"); exit(2); }                                 \
            (pointer) = moved;                                                          \
            (capacity) = grown;                                                         \
        }                                                                               \
    } while (0)

/* Pushes a node onto the document; returns its 1-based index. */
static int push_node(yaml_document_t *document, const yaml_node_t *node) {
    size_t count = (size_t)(document->nodes.top - document->nodes.start);
    size_t capacity = (size_t)(document->nodes.end - document->nodes.start);
    GROW(document->nodes.start, count, capacity, 16);
    document->nodes.end = document->nodes.start + capacity;
    document->nodes.top = document->nodes.start + count;
    *document->nodes.top++ = *node;
    return (int)(count + 1);
}

static void append_to_parent(struct loader *l, int index) {
    if (l->parent_count == 0) return;   /* the root */
    yaml_node_t *parent = l->document->nodes.start + (l->parents[l->parent_count - 1] - 1);
    if (parent->type == YAML_SEQUENCE_NODE) {
        size_t count = (size_t)(parent->data.sequence.items.top - parent->data.sequence.items.start);
        size_t capacity = (size_t)(parent->data.sequence.items.end - parent->data.sequence.items.start);
        GROW(parent->data.sequence.items.start, count, capacity, 16);
        parent->data.sequence.items.end = parent->data.sequence.items.start + capacity;
        parent->data.sequence.items.top = parent->data.sequence.items.start + count;
        *parent->data.sequence.items.top++ = index;
    } else {
        yaml_node_pair_t *pairs = parent->data.mapping.pairs.start;
        size_t count = (size_t)(parent->data.mapping.pairs.top - pairs);
        if (count > 0 && pairs[count - 1].value == 0) {
            pairs[count - 1].value = index;
            return;
        }
        size_t capacity = (size_t)(parent->data.mapping.pairs.end - pairs);
        GROW(parent->data.mapping.pairs.start, count, capacity, 16);
        parent->data.mapping.pairs.end = parent->data.mapping.pairs.start + capacity;
        parent->data.mapping.pairs.top = parent->data.mapping.pairs.start + count;
        parent->data.mapping.pairs.top->key = index;
        parent->data.mapping.pairs.top->value = 0;
        parent->data.mapping.pairs.top++;
    }
}

static void remember_anchor(struct loader *l, yaml_char_t *name, int index) {
    if (!name) return;
    GROW(l->anchors, l->anchor_count, l->anchor_capacity, 8);
    l->anchors[l->anchor_count].name = name;
    l->anchors[l->anchor_count].node = index;
    l->anchor_count++;
}

static yaml_char_t *tag_or_default(yaml_char_t *tag, const char *fallback) {
    if (!tag || strcmp((char *)tag, "!") == 0) {
        free(tag);
        tag = (yaml_char_t *)strdup(fallback);
        if (!tag) { perror("strdup"); exit(2); }
    }
    return tag;
}

/* Loads the next document. Returns 1 with a document, 0 at the end of the stream (document
 * empty), -1 on a parse error (document empty). */
static int load_document(yaml_parser_t *parser, yaml_document_t *document) {
    yaml_event_t event;
    memset(document, 0, sizeof *document);
    if (!parser->stream_start_produced) {
        if (!yaml_parser_parse(parser, &event)) return -1;
        yaml_event_delete(&event);      /* STREAM-START */
    }
    if (parser->stream_end_produced) return 0;
    if (!yaml_parser_parse(parser, &event)) return -1;
    if (event.type == YAML_STREAM_END_EVENT) { yaml_event_delete(&event); return 0; }

    /* DOCUMENT-START: the document takes over its directives. */
    document->version_directive = event.data.document_start.version_directive;
    document->tag_directives.start = event.data.document_start.tag_directives.start;
    document->tag_directives.end = event.data.document_start.tag_directives.end;
    document->start_implicit = event.data.document_start.implicit;
    document->start_mark = event.start_mark;

    struct loader l = { document, NULL, 0, 0, NULL, 0, 0 };
    int result = 1;
    for (;;) {
        if (!yaml_parser_parse(parser, &event)) { result = -1; break; }
        if (event.type == YAML_DOCUMENT_END_EVENT) {
            document->end_implicit = event.data.document_end.implicit;
            document->end_mark = event.end_mark;
            break;
        }
        yaml_node_t node;
        memset(&node, 0, sizeof node);
        node.start_mark = event.start_mark;
        node.end_mark = event.end_mark;
        int index;
        switch (event.type) {
        case YAML_ALIAS_EVENT: {
            index = 0;
            for (size_t i = 0; i < l.anchor_count; i++)
                if (strcmp((char *)l.anchors[i].name, (char *)event.data.alias.anchor) == 0) index = l.anchors[i].node;
            free(event.data.alias.anchor);
            if (!index) {
                parser->error = YAML_COMPOSER_ERROR;
                parser->problem = "found undefined alias";
                result = -1;
                goto done;
            }
            append_to_parent(&l, index);
            break;
        }
        case YAML_SCALAR_EVENT:
            node.type = YAML_SCALAR_NODE;
            node.tag = tag_or_default(event.data.scalar.tag, YAML_DEFAULT_SCALAR_TAG);
            node.data.scalar.value = event.data.scalar.value;
            node.data.scalar.length = event.data.scalar.length;
            node.data.scalar.style = event.data.scalar.style;
            index = push_node(document, &node);
            remember_anchor(&l, event.data.scalar.anchor, index);
            append_to_parent(&l, index);
            break;
        case YAML_SEQUENCE_START_EVENT:
            node.type = YAML_SEQUENCE_NODE;
            node.tag = tag_or_default(event.data.sequence_start.tag, YAML_DEFAULT_SEQUENCE_TAG);
            node.data.sequence.style = event.data.sequence_start.style;
            index = push_node(document, &node);
            remember_anchor(&l, event.data.sequence_start.anchor, index);
            append_to_parent(&l, index);
            GROW(l.parents, l.parent_count, l.parent_capacity, 16);
            l.parents[l.parent_count++] = index;
            break;
        case YAML_MAPPING_START_EVENT:
            node.type = YAML_MAPPING_NODE;
            node.tag = tag_or_default(event.data.mapping_start.tag, YAML_DEFAULT_MAPPING_TAG);
            node.data.mapping.style = event.data.mapping_start.style;
            index = push_node(document, &node);
            remember_anchor(&l, event.data.mapping_start.anchor, index);
            append_to_parent(&l, index);
            GROW(l.parents, l.parent_count, l.parent_capacity, 16);
            l.parents[l.parent_count++] = index;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            document->nodes.start[l.parents[l.parent_count - 1] - 1].end_mark = event.end_mark;
            l.parent_count--;
            break;
        default:
            yaml_event_delete(&event);
            parser->error = YAML_COMPOSER_ERROR;
            parser->problem = "unexpected event";
            result = -1;
            goto done;
        }
    }
done:
    for (size_t i = 0; i < l.anchor_count; i++) free(l.anchors[i].name);
    free(l.anchors);
    free(l.parents);
    if (result < 0) yaml_document_delete(document);
    return result;
}

static void load_documents(struct worker *w, const char *path, const unsigned char *bytes, size_t size) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) { w->errors++; return; }
    yaml_parser_set_input_string(&parser, bytes, size);
    for (;;) {
        yaml_document_t document;
        int loaded;
#ifdef YAML_FLOOR_LIBYAML_LOADER
        if (w->mode == MODE_LOAD_LIBYAML) {
            loaded = yaml_parser_load(&parser, &document) ? (yaml_document_get_root_node(&document) ? 1 : 0) : -1;
        } else
#endif
        loaded = load_document(&parser, &document);
        if (loaded < 0) {
            fprintf(stderr, "yaml-floor: %s: %s\n", path, parser.problem ? parser.problem : "load error");
            w->errors++;
            break;
        }
        w->nodes += (unsigned long long)(document.nodes.top - document.nodes.start);
        yaml_document_delete(&document);
        if (loaded == 0) break;
    }
    yaml_parser_delete(&parser);
}

static void *run(void *argument) {
    struct worker *w = argument;
    for (size_t i = w->first; i < path_count; i += w->stride) {
        size_t size = 0;
        unsigned char *bytes = read_file(paths[i], &size);
        if (!bytes) {
            fprintf(stderr, "yaml-floor: %s: cannot read\n", paths[i]);
            w->errors++;
            continue;
        }
        w->bytes += size;
        if (w->mode == MODE_EVENTS) parse_events(w, paths[i], bytes, size);
        else load_documents(w, paths[i], bytes, size);
        free(bytes);
    }
    return NULL;
}

static void usage(void) {
    fprintf(stderr, "usage: yaml-floor events|load [-j THREADS] [--list FILE] [PATH ...]\n");
    exit(2);
}

int main(int argc, char **argv) {
    if (argc < 2) usage();
    enum mode mode;
    if (strcmp(argv[1], "events") == 0) mode = MODE_EVENTS;
    else if (strcmp(argv[1], "load") == 0) mode = MODE_LOAD;
#ifdef YAML_FLOOR_LIBYAML_LOADER
    else if (strcmp(argv[1], "load-libyaml") == 0) mode = MODE_LOAD_LIBYAML;
#endif
    else usage();

    long threads = 1;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
            threads = strtol(argv[++i], NULL, 10);
            if (threads < 1) usage();
        } else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc) {
            read_list(argv[++i]);
        } else if (argv[i][0] == '-') {
            usage();
        } else {
            struct stat info;
            if (stat(argv[i], &info) != 0) { fprintf(stderr, "yaml-floor: %s: %s\n", argv[i], strerror(errno)); return 2; }
            if (S_ISDIR(info.st_mode)) walk(argv[i]);
            else add_path(argv[i]);
        }
    }
    if (path_count == 0) { fprintf(stderr, "yaml-floor: no files\n"); return 2; }
    qsort(paths, path_count, sizeof *paths, compare_paths);
    if ((size_t)threads > path_count) threads = (long)path_count;

    struct worker *workers = aligned_alloc(128, (size_t)threads * sizeof *workers);
    if (!workers) { perror("aligned_alloc"); return 2; }
    memset(workers, 0, (size_t)threads * sizeof *workers);
    for (long t = 0; t < threads; t++) {
        workers[t].mode = mode;
        workers[t].first = (size_t)t;
        workers[t].stride = (size_t)threads;
    }
    /* Thread 0 is the main thread, as with DispatchQueue.concurrentPerform. */
    for (long t = 1; t < threads; t++) {
        if (pthread_create(&workers[t].thread, NULL, run, &workers[t]) != 0) { perror("pthread_create"); return 2; }
    }
    run(&workers[0]);
    for (long t = 1; t < threads; t++) pthread_join(workers[t].thread, NULL);

    unsigned long long bytes = 0, events = 0, nodes = 0, errors = 0;
    for (long t = 0; t < threads; t++) {
        bytes += workers[t].bytes;
        events += workers[t].events;
        nodes += workers[t].nodes;
        errors += workers[t].errors;
    }
    printf("files=%zu bytes=%llu events=%llu nodes=%llu errors=%llu threads=%ld\n",
           path_count, bytes, events, nodes, errors, threads);
    for (size_t i = 0; i < path_count; i++) free(paths[i]);
    free(paths);
    free(workers);
    return errors ? 1 : 0;
}
