module architecture-review/go_reference

go 1.19
