package storage

import (
	"compress/zlib"
	"io"
	"net"
)

// Serve answers each connection on its own goroutine and compresses on all cores.
func Serve(l net.Listener, objects <-chan []byte) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(conn, objects)
	}
}

func handle(conn net.Conn, objects <-chan []byte) {
	defer conn.Close()
	w := zlib.NewWriter(conn)
	defer w.Close()
	obj := <-objects
	_, _ = io.Copy(w, bytesReader(obj))
}
