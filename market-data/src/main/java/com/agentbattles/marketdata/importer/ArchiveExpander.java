package com.agentbattles.marketdata.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns an uploaded file into the kline files inside it: a zip yields each entry, a gzip its
 * content, anything else itself. The magic bytes decide, not the extension, so a mis-named
 * file still reads.
 */
final class ArchiveExpander {

    /** Refuse decompression bombs: far above the largest real monthly 1m file (≈ 5 MB). */
    static final long MAX_EXPANDED_BYTES = 512L * 1024 * 1024;
    private static final int MAX_NESTING = 2;

    private ArchiveExpander() {
    }

    static List<DataFile> expand(DataFile file) {
        List<DataFile> out = new ArrayList<>();
        expand(file, 0, out);
        return out;
    }

    private static void expand(DataFile file, int depth, List<DataFile> out) {
        byte[] b = file.content();
        boolean zip = b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        boolean gzip = b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
        if (!zip && !gzip) {
            out.add(file);
            return;
        }
        if (depth >= MAX_NESTING) {
            throw new ImportFailedException("archive nested too deeply: " + file.name());
        }
        try {
            if (gzip) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                    // keep the uploaded name: it is what the user recognises in the report
                    expand(new DataFile(file.name(), readBounded(in, file.name())), depth + 1, out);
                }
                return;
            }
            int entries = 0;
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(b))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    if (e.isDirectory() || e.getName().startsWith("__MACOSX/")) {
                        continue;
                    }
                    entries++;
                    expand(new DataFile(file.name() + "!" + e.getName(), readBounded(in, e.getName())), depth + 1, out);
                }
            }
            if (entries == 0) {
                throw new ImportFailedException("zip archive holds no file (or is not a valid zip): " + file.name());
            }
        } catch (IOException e) {
            throw new ImportFailedException("cannot read archive " + file.name() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(InputStream in, String name) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, MAX_EXPANDED_BYTES + 1));
        if (data.length > MAX_EXPANDED_BYTES) {
            throw new ImportFailedException("file too large once decompressed: " + name);
        }
        return data;
    }
}
