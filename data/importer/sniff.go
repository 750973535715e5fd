package importer

import (
	"archive/zip"
	"bytes"
	"io"

	"github.com/richardlehane/mscfb"
)

// Kind is what a file really is, told from its content rather than its name: offices rename
// files, and government systems export HTML tables named .xls.
type Kind int

// File kinds.
const (
	KindUnknown Kind = iota
	KindXLSX
	KindXLS
	KindODS
	KindEncrypted // an Office workbook that needs a password to open
	KindText      // CSV or another text file
	KindImage
	KindPDF
	KindWord
	KindPowerPoint
	KindHTML
	KindXMLSheet // Excel 2003 XML spreadsheet
	KindZip
	KindOLE // another compound document
)

// what names the kinds a file cannot be imported as, with what to do instead.
var what = map[Kind]string{
	KindEncrypted:  ErrEncrypted.Error(),
	KindImage:      "这是一张图片，不是表格；请导入 Excel（.xlsx、.xls）、WPS、LibreOffice（.ods）或 CSV 文件",
	KindPDF:        "这是 PDF 文件，不是表格；请导入 Excel（.xlsx、.xls）、LibreOffice（.ods）或 CSV 文件",
	KindWord:       "这是 Word 文档，不是表格；请把其中的表格复制到 Excel 或 WPS 表格，另存为 .xlsx 后再导入",
	KindPowerPoint: "这是演示文稿（PowerPoint），不是表格；请导入 Excel、WPS 表格、LibreOffice 或 CSV 文件",
	KindHTML:       "这是网页（HTML）格式的文件，只是扩展名像表格；请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入",
	KindXMLSheet:   "这是 Excel 2003 XML 表格；请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入",
	KindZip:        "这是 zip 压缩包，不是表格；请先解压，再导入其中的表格文件",
	KindOLE:        "这是其他 Office 文档，不是 Excel 工作簿；请导入 Excel（.xlsx、.xls）、LibreOffice（.ods）或 CSV 文件",
}

// Sniff tells what a file is from its first bytes (and, for zip and compound files, from the
// names inside).
func Sniff(b []byte) Kind {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return sniffZip(b)
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return sniffOLE(b)
	case bytes.HasPrefix(b, []byte("%PDF")):
		return KindPDF
	case bytes.HasPrefix(b, []byte("\x89PNG")), bytes.HasPrefix(b, []byte("\xff\xd8\xff")),
		bytes.HasPrefix(b, []byte("GIF8")), bytes.HasPrefix(b, []byte("BM")) && len(b) > 14 && b[14] < 0x80 && b[6] == 0 && b[7] == 0,
		bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")),
		len(b) > 12 && bytes.HasPrefix(b, []byte("RIFF")) && string(b[8:12]) == "WEBP":
		return KindImage
	case bytes.HasPrefix(b, []byte("{\\rtf")):
		return KindWord
	}
	head := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(b[:min(len(b), 2048)], []byte("\xef\xbb\xbf")), " \t\r\n"))
	switch {
	case bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return KindXMLSheet
	case bytes.HasPrefix(head, []byte("<!doctype html")), bytes.HasPrefix(head, []byte("<html")),
		bytes.HasPrefix(head, []byte("<table")), bytes.Contains(head, []byte("<html")) && bytes.HasPrefix(head, []byte("<")):
		return KindHTML
	}
	if bytes.IndexByte(b[:min(len(b), 8192)], 0) < 0 {
		return KindText
	}
	return KindUnknown
}

func sniffZip(b []byte) Kind {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return KindUnknown
	}
	kind := KindZip
	for _, f := range z.File {
		switch {
		case f.Name == "xl/workbook.xml" || f.Name == "xl/workbook.bin":
			return KindXLSX
		case f.Name == "mimetype":
			m, err := readZipEntry(f, 200)
			if err == nil && bytes.Contains(m, []byte("opendocument.spreadsheet")) {
				return KindODS
			}
			if err == nil && bytes.Contains(m, []byte("opendocument.text")) {
				kind = KindWord
			}
		case f.Name == "word/document.xml":
			return KindWord
		case len(f.Name) > 4 && f.Name[:4] == "ppt/":
			return KindPowerPoint
		case f.Name == "content.xml" && kind == KindZip:
			if c, err := readZipEntry(f, 4096); err == nil && bytes.Contains(c, []byte("office:spreadsheet")) {
				kind = KindODS
			}
		}
	}
	return kind
}

func sniffOLE(b []byte) Kind {
	doc, err := mscfb.New(bytes.NewReader(b))
	if err != nil {
		return KindUnknown
	}
	kind := KindOLE
	for {
		f, err := doc.Next()
		if err == io.EOF {
			return kind
		}
		if err != nil {
			return KindUnknown
		}
		switch f.Name {
		case "Workbook", "Book":
			kind = KindXLS
		case "EncryptedPackage", "EncryptionInfo":
			return KindEncrypted
		case "WordDocument":
			return KindWord
		case "PowerPoint Document":
			return KindPowerPoint
		}
	}
}
