#!/usr/bin/python3
"""Cuts the small Fashion-MNIST sample LatentJ ships (so `latentj demo` runs on a machine with nothing installed)
from Debian's dataset-fashion-mnist package: the first 2,000 training images and labels and the first 500 test
images and labels, as gzip IDX files, plus the licence, into cli/src/main/resources/io/latentj/cli/fashion-sample/.

    apt-get install -y dataset-fashion-mnist && data/make-fashion-sample.py
"""
import gzip, os, shutil, sys

SRC = os.environ.get("LATENTJ_FASHION_DIR", "/usr/share/datasets/fashion-mnist")
DST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli", "src", "main", "resources", "io", "latentj", "cli", "fashion-sample")
COPYRIGHT = "/usr/share/doc/dataset-fashion-mnist/copyright"


def cut(name, count, out_name):
    with gzip.open(os.path.join(SRC, name), "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    item = 1
    for d in dims[1:]:
        item *= d
    header = raw[:4] + count.to_bytes(4, "big") + raw[8:4 + 4 * ndim]
    body = raw[4 + 4 * ndim:4 + 4 * ndim + count * item]
    # mtime=0: the same input gives byte-identical files
    with open(os.path.join(DST, out_name), "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as g:
        g.write(header + body)


def main():
    if not os.path.isdir(SRC):
        sys.exit(f"{SRC} not found: apt-get install -y dataset-fashion-mnist")
    os.makedirs(DST, exist_ok=True)
    cut("train-images-idx3-ubyte.gz", 2000, "train-images-idx3-ubyte.gz")
    cut("train-labels-idx1-ubyte.gz", 2000, "train-labels-idx1-ubyte.gz")
    cut("t10k-images-idx3-ubyte.gz", 500, "t10k-images-idx3-ubyte.gz")
    cut("t10k-labels-idx1-ubyte.gz", 500, "t10k-labels-idx1-ubyte.gz")
    with open(os.path.join(DST, "LICENSE"), "w") as f:
        f.write("Fashion-MNIST sample: the first 2,000 training and 500 test images and labels of Fashion-MNIST\n"
                "(Han Xiao, Kashif Rasul, Roland Vollgraf, Zalando Research, 2017), cut by data/make-fashion-sample.py\n"
                "from Debian's dataset-fashion-mnist package. Its copyright file follows.\n\n")
        with open(COPYRIGHT) as c:
            shutil.copyfileobj(c, f)
    total = sum(os.path.getsize(os.path.join(DST, n)) for n in os.listdir(DST))
    print(f"wrote {DST} ({total} bytes)")


if __name__ == "__main__":
    main()
