package dev.dispatcher.store.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format of the list, from generated files (headers built here) and files of the machine:
 * {@code mime}/{@code magic} equal what {@code file} prints, {@code file_format} is the taxonomy's name.
 */
class IdentifierTest {

    record Sample(String name, byte[] bytes, String format) {
        @Override
        public String toString() {
            return name + " → " + format;
        }
    }

    @TempDir
    static Path dir;

    static LibMagic magic;
    static Identifier identifier;

    @BeforeAll
    static void open() {
        magic = new LibMagic(2, 7L * 1024 * 1024);
        identifier = new Identifier(magic, FileFormats.load());
    }

    @AfterAll
    static void close() {
        magic.close();
    }

    static List<Sample> samples() throws IOException {
        return List.of(
                new Sample("pe32", pe(0x14c, false, false, false), "executable/windows/pe32"),
                new Sample("pe64", pe(0x8664, true, false, false), "executable/windows/pe64"),
                new Sample("dll32", pe(0x14c, false, true, false), "executable/windows/dll32"),
                new Sample("dll64", pe(0x8664, true, true, false), "executable/windows/dll64"),
                new Sample("dotnet", pe(0x14c, false, false, true), "executable/windows/dotnet"),
                new Sample("ls", Files.readAllBytes(Path.of("/bin/ls")), "executable/linux/pie64"),
                new Sample("libmagic", Files.readAllBytes(Path.of("/usr/lib/x86_64-linux-gnu/libmagic.so.1").toRealPath()),
                        "executable/linux/so64"),
                new Sample("macho", macho(), "executable/mach-o"),
                new Sample("pdf", ascii("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"), "document/pdf"),
                new Sample("docx", ooxml("word/document.xml"), "document/office/word"),
                new Sample("xlsx", ooxml("xl/workbook.xml"), "document/office/excel"),
                new Sample("pptx", ooxml("ppt/presentation.xml"), "document/office/powerpoint"),
                new Sample("doc", ole("WordDocument", null), "document/office/word"),
                new Sample("xls", ole("Workbook", null), "document/office/excel"),
                new Sample("ppt", ole("PowerPoint Document", null), "document/office/powerpoint"),
                new Sample("doc by class", ole(null, UUID.fromString("00020906-0000-0000-c000-000000000046")),
                        "document/office/word"),
                new Sample("ole", ole(null, null), "document/office/unknown"),
                new Sample("rtf", ascii("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Hello}\n"), "document/office/rtf"),
                new Sample("zip", zip(List.of("hello.txt")), "archive/zip"),
                new Sample("jar", jar(), "java/jar"),
                new Sample("apk", zip(List.of("AndroidManifest.xml", "classes.dex")), "android/apk"),
                new Sample("7z", concat(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4}, new byte[24]), "archive/7-zip"),
                new Sample("rar", concat("Rar!\u001a\u0007\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), new byte[30]), "archive/rar"),
                new Sample("gzip", gzip(), "archive/gzip"),
                new Sample("tar", tar(), "archive/tar"),
                new Sample("cab", cab(), "archive/cabinet"),
                new Sample("png", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                        'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0}, new byte[24]), "image/png"),
                new Sample("jpeg", concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F',
                        'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}, new byte[40]), "image/jpg"),
                new Sample("gif", concat(ascii("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"), new byte[20]), "image/gif"),
                new Sample("html", ascii("<!DOCTYPE html>\n<html><head><title>t</title></head><body><p>hi</p></body></html>\n"), "code/html"),
                new Sample("js", ascii("function hello(name) {\n  var x = document.getElementById(\"a\");\n"
                        + "  console.log(\"hi \" + name);\n  return x;\n}\nhello(\"w\");\n"), "code/javascript"),
                new Sample("ps1", ascii("param([string]$Name)\n$ErrorActionPreference = \"Stop\"\nWrite-Host \"Hello $Name\"\n"
                        + "Get-ChildItem -Path $env:TEMP | Where-Object { $_.Length -gt 0 }\n"), "code/ps1"),
                new Sample("vbs", ascii("Option Explicit\nDim objShell\nSet objShell = CreateObject(\"WScript.Shell\")\n"
                        + "WScript.Echo \"Hello\"\nSub Foo()\nEnd Sub\n"), "code/vbs"),
                new Sample("bat", ascii("@echo off\r\nset NAME=world\r\necho Hello %NAME%\r\n"), "code/batch"),
                new Sample("sh", ascii("#!/bin/sh\nset -e\necho hello\n"), "code/shell"),
                new Sample("text", ascii("Just some plain words in a file.\n".repeat(10)), "text/plain"),
                new Sample("random", random(5000), "unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void namesEveryFormatOfTheTaxonomy(Sample sample) throws Exception {
        Path file = Files.write(dir.resolve(sample.name().replace(' ', '-')), sample.bytes());
        Identification identity = identifier.identify(file);
        String[] reference = ReferenceTools.file(file);
        assertThat(identity.magic()).isEqualTo(reference[0]);
        assertThat(identity.mime()).isEqualTo(reference[1]);
        assertThat(identity.fileFormat()).as(identity.toString()).isEqualTo(sample.format());
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A PE with headers and one section: enough for libmagic to name machine, DLL flag and .NET. */
    static byte[] pe(int machine, boolean plus, boolean dll, boolean dotnet) {
        ByteBuffer b = ByteBuffer.allocate(0x400).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3C, 0x80);
        b.put(0x80, (byte) 'P').put(0x81, (byte) 'E');
        int optionalSize = plus ? 0xF0 : 0xE0;
        int characteristics = (plus ? 0x0022 : 0x0102) | (dll ? 0x2000 : 0);
        b.putShort(0x84, (short) machine).putShort(0x86, (short) 1).putShort(0x94, (short) optionalSize)
                .putShort(0x96, (short) characteristics);
        int optional = 0x98;
        b.putShort(optional, (short) (plus ? 0x20B : 0x10B)).putShort(optional + 68, (short) 3);
        int directories = optional + (plus ? 108 : 92);
        b.putInt(directories, 16);
        if (dotnet) {
            b.putInt(directories + 4 + 14 * 8, 0x2008).putInt(directories + 8 + 14 * 8, 0x48);
        }
        int section = optional + optionalSize;
        b.put(section, ascii(".text"));
        b.putInt(section + 8, 0x1000).putInt(section + 12, 0x1000).putInt(section + 16, 0x200)
                .putInt(section + 20, 0x200).putInt(section + 36, 0x60000020);
        return b.array();
    }

    static byte[] macho() {
        ByteBuffer b = ByteBuffer.allocate(232).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xFEEDFACF).putInt(0x01000007).putInt(3).putInt(2);
        return b.array();
    }

    static byte[] ooxml(String part) throws IOException {
        return zip(List.of("[Content_Types].xml", "_rels/.rels", part));
    }

    static byte[] zip(List<String> names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(ascii("<?xml version=\"1.0\"?><x/>\n".repeat(5)));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("a.txt"));
            jar.write(ascii("x\n"));
            jar.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] gzip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(ascii("hello".repeat(100)));
        }
        return out.toByteArray();
    }

    /** One ustar member. */
    static byte[] tar() {
        byte[] data = ascii("hello\n".repeat(10));
        byte[] tar = new byte[512 + 512 + 1024];
        byte[] header = new byte[512];
        System.arraycopy(ascii("hello.txt"), 0, header, 0, 9);
        System.arraycopy(ascii("0000644\0"), 0, header, 100, 8);
        System.arraycopy(ascii("0000000\0"), 0, header, 108, 8);
        System.arraycopy(ascii("0000000\0"), 0, header, 116, 8);
        System.arraycopy(ascii(String.format("%011o\0", data.length)), 0, header, 124, 12);
        System.arraycopy(ascii("00000000000\0"), 0, header, 136, 12);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        System.arraycopy(ascii("ustar\u000000"), 0, header, 257, 8);
        int sum = 0;
        for (byte c : header) {
            sum += c & 0xFF;
        }
        System.arraycopy(ascii(String.format("%06o\0 ", sum)), 0, header, 148, 8);
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(data, 0, tar, 512, data.length);
        return tar;
    }

    static byte[] cab() {
        ByteBuffer b = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("MSCF")).putInt(0).putInt(100).putInt(0).putInt(44).putInt(0).put((byte) 3).put((byte) 1)
                .putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    /** A compound file: header, one FAT sector, one directory sector with the root and at most one stream. */
    static byte[] ole(String stream, UUID rootClass) {
        ByteBuffer b = ByteBuffer.allocate(512 * 3).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 0xE11AB1A1E011CFD0L);
        b.putShort(24, (short) 0x3E).putShort(26, (short) 3).putShort(28, (short) 0xFFFE).putShort(30, (short) 9)
                .putShort(32, (short) 6);
        b.putInt(44, 1).putInt(48, 1).putInt(56, 4096).putInt(60, 0xFFFFFFFE).putInt(68, 0xFFFFFFFE);
        b.putInt(76, 0);
        for (int i = 1; i < 109; i++) {
            b.putInt(76 + 4 * i, -1);
        }
        for (int i = 0; i < 128; i++) {
            b.putInt(512 + 4 * i, -1);
        }
        b.putInt(512, 0xFFFFFFFD).putInt(516, 0xFFFFFFFE);
        entry(b, 1024, "Root Entry", 5, stream == null ? -1 : 1, rootClass);
        if (stream != null) {
            entry(b, 1024 + 128, stream, 2, -1, null);
        }
        for (int e = stream == null ? 1 : 2; e < 4; e++) {
            b.putInt(1024 + e * 128 + 68, -1).putInt(1024 + e * 128 + 72, -1).putInt(1024 + e * 128 + 76, -1);
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int at, String name, int type, int child, UUID clsid) {
        byte[] utf16 = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        b.put(at, utf16);
        b.putShort(at + 64, (short) utf16.length).put(at + 66, (byte) type).put(at + 67, (byte) 1)
                .putInt(at + 68, -1).putInt(at + 72, -1).putInt(at + 76, child);
        if (clsid != null) {
            long high = clsid.getMostSignificantBits();
            b.putInt(at + 80, (int) (high >>> 32)).putShort(at + 84, (short) (high >>> 16)).putShort(at + 86, (short) high);
            b.order(ByteOrder.BIG_ENDIAN).putLong(at + 88, clsid.getLeastSignificantBits());
            b.order(ByteOrder.LITTLE_ENDIAN);
        }
        b.putInt(at + 116, 0xFFFFFFFE).putInt(at + 120, 0);
    }
}
