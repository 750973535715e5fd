package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"linli/data"
	"linli/data/sample"
)

func (c *command) demo(args []string) error {
	var people int
	if err := flags("demo", args, func(fs *flag.FlagSet) { fs.IntVar(&people, "people", 0, "合成居民人数") }); err != nil {
		return err
	}
	if people < 0 {
		return usageError{"demo -people 必须是正整数"}
	}
	if err := c.open(false); err != nil {
		return err
	}
	defer c.close()
	has, err := c.store.HasUsers(c.ctx)
	if err != nil {
		return err
	}
	if people == 0 || !has {
		if err := sample.Fill(c.ctx, c.store); err != nil { // all or nothing; closes the store
			return err
		}
		fmt.Fprintln(c.env.Stdout, sample.Summary)
	}
	if people > 0 {
		if !has { // the sample has just taken the database's place: open it again
			if err := c.open(false); err != nil {
				return err
			}
		}
		if err := sample.AddPeople(c.ctx, c.store, people, nil); err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stdout, "已添加 %d 位合成居民\n", people)
	}
	return nil
}

func (c *command) check(args []string) error {
	if err := flags("check", args, func(*flag.FlagSet) {}); err != nil {
		return err
	}
	if err := c.open(true); err != nil {
		return err
	}
	defer c.close()
	problems, err := c.store.Check(c.ctx)
	if err != nil {
		return err
	}
	notes, err := c.store.UnplacedHouseholdTags(c.ctx)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintln(c.env.Stdout, "ok")
		printUnplaced(c.env.Stdout, notes)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(c.env.Stdout, p)
	}
	printUnplaced(c.env.Stdout, notes)
	return &data.Error{Code: data.CodeInvalid, Message: fmt.Sprintf("检查发现 %d 个问题", len(problems))}
}

// checkOutput refuses an output file the user cannot get: no extension, the other format's
// extension, or a folder that does not exist.
func checkOutput(path, ext string) error {
	if err := checkFolder(path); err != nil {
		return err
	}
	other := map[string]string{".pdf": ".xlsx", ".xlsx": ".pdf"}[ext]
	if e := strings.ToLower(filepath.Ext(path)); e == "" || e == other {
		return &data.Error{Code: data.CodeInvalid, Fields: []data.FieldError{{Field: "输出文件", Message: "“" + path + "”应以 " + ext + " 结尾"}}}
	}
	return nil
}

// checkFolder refuses an output path that is a folder, or whose folder does not exist.
func checkFolder(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return &data.Error{Code: data.CodeInvalid, Message: path + " 是一个文件夹，请在它后面写上文件名"}
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &data.Error{Code: data.CodeInvalid, Message: "文件夹 " + dir + " 不存在，请先创建它或换一个位置", Err: err}
	case err != nil:
		return &data.Error{Code: data.CodeInvalid, Message: "无法使用文件夹 " + dir + "：" + ioReason(err), Err: err}
	case !st.IsDir():
		return &data.Error{Code: data.CodeInvalid, Message: dir + " 不是文件夹"}
	}
	return nil
}

// ioReason says in Chinese why a file operation failed, for the causes a user can fix.
func ioReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘已满"
	case errors.Is(err, syscall.EROFS):
		return "位置只读"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个文件夹"
	}
	return err.Error()
}

// writeFile renders into memory first, so that a failure leaves no half-written file.
func writeFile(path string, render func(buf *bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	_ = data.RemoveLeftovers(filepath.Dir(path)) // what a killed export left (best effort)
	tmp := data.TempName(path)                   // readable by the owner only while it is written
	if err := writeNew(tmp, buf.Bytes()); err != nil {
		os.Remove(tmp)
		if err := checkFolder(path); err != nil {
			return err
		}
		return &data.Error{Code: data.CodeRefused, Message: "无法写入 " + path + "：" + ioReason(err), Err: err}
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return &data.Error{Code: data.CodeRefused, Message: "无法写入 " + path + "：" + ioReason(err), Err: err}
	}
	return nil
}

// writeNew writes b to a new file readable by its owner only.
func writeNew(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
