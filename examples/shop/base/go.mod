module example.org/shop/storage

go 1.19
