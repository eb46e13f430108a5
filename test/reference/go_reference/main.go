// Command go_reference is the oracle for the differential test of the Go detector
// (test/detect/go-source.test.ts). It reads file paths, one per line, on standard input,
// parses each file with Go's own parser, and prints, as one JSON object on standard output,
// the go statements, send statements and receive expressions go/ast finds in every file
// that parses, and the list of files that do not parse.
//
// It imports only the standard library, so `go run .` works offline.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

// counts holds what go/ast finds in one file: how many of each construct, and the
// 1-based line of each (the `go` keyword, the send's arrow, the receive's arrow).
type counts struct {
	Go        int   `json:"go"`
	Send      int   `json:"send"`
	Recv      int   `json:"recv"`
	GoLines   []int `json:"goLines"`
	SendLines []int `json:"sendLines"`
	RecvLines []int `json:"recvLines"`
}

type output struct {
	Files    map[string]*counts `json:"files"`
	Excluded []string           `json:"excluded"`
}

func main() {
	out := output{Files: map[string]*counts{}, Excluded: []string{}}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<16), 1<<20)
	for in.Scan() {
		path := in.Text()
		if path == "" {
			continue
		}
		fset := token.NewFileSet()
		// SkipObjectResolution: only the syntax tree matters here. Any error, even one
		// the parser recovers from, excludes the file: its tree is not trustworthy.
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			out.Excluded = append(out.Excluded, path)
			continue
		}
		c := &counts{GoLines: []int{}, SendLines: []int{}, RecvLines: []int{}}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				c.Go++
				c.GoLines = append(c.GoLines, fset.Position(n.Go).Line)
			case *ast.SendStmt:
				c.Send++
				c.SendLines = append(c.SendLines, fset.Position(n.Arrow).Line)
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					c.Recv++
					c.RecvLines = append(c.RecvLines, fset.Position(n.OpPos).Line)
				}
			}
			return true
		})
		out.Files[path] = c
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "go_reference: reading the file list:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "go_reference: writing the result:", err)
		os.Exit(1)
	}
}
