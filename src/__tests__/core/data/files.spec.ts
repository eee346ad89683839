// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  IDataFiles,
  notebookDataFiles as findDataFiles,
  notebookDataFilesParsingAll
} from '../../../core/data/files';
import { ipythonToPython } from '../../../core/python/ipython';
import { ICellLike } from '../../../core/notebook/cells';
import { IScanLimits, SCAN_LIMITS } from '../../../core/common/scanLimits';
import { parser } from '@lezer/python';
import type { PythonParser } from '../../../core/python/parser';

/**
 * `notebookDataFiles`, which parses only the cells that can matter, checked
 * against the reading that parses them all: every case here is a case of
 * both.
 */
function notebookDataFiles(
  cells: ICellLike[],
  python: PythonParser,
  limits: Readonly<IScanLimits> = SCAN_LIMITS
): IDataFiles {
  const found = findDataFiles(cells, python, limits);
  expect(found).toStrictEqual(
    notebookDataFilesParsingAll(cells, python, limits)
  );
  return found;
}

/**
 * A notebook of code cells (a string) and Markdown cells (`{md}`).
 */
function notebook(...cells: (string | { md: string })[]): ICellLike[] {
  return cells.map(cell =>
    typeof cell === 'string'
      ? { cell_type: 'code', source: cell, execution_count: null }
      : { cell_type: 'markdown', source: cell.md }
  );
}

/**
 * The paths one code cell reads, with their readers.
 */
function reads(source: string): Record<string, string> {
  const found = notebookDataFiles(notebook(source), parser);
  return Object.fromEntries(found.files.map(file => [file.path, file.reader]));
}

function untracked(source: string): IDataFiles['untracked'] {
  return notebookDataFiles(notebook(source), parser).untracked;
}

describe('notebookDataFiles', () => {
  it.each([
    ['open("data/notes.txt")', 'data/notes.txt', 'open'],
    ['open(file="data/notes.txt", mode="r")', 'data/notes.txt', 'open'],
    ["open('data/notes.bin', 'rb')", 'data/notes.bin', 'open'],
    ['open("data/log.txt", "r+")', 'data/log.txt', 'open'],
    [
      'import pandas as pd\ndf = pd.read_csv("data/iris.csv", sep=",")',
      'data/iris.csv',
      'pandas.read_csv'
    ],
    [
      'import pandas as pd\npd.read_csv(filepath_or_buffer="a.csv")',
      'a.csv',
      'pandas.read_csv'
    ],
    [
      'import pandas as pd\npd.read_parquet(path="t.parquet")',
      't.parquet',
      'pandas.read_parquet'
    ],
    [
      'import pandas as pd\npd.read_excel(io="book.xlsx", sheet_name=0)',
      'book.xlsx',
      'pandas.read_excel'
    ],
    ['import pandas\npandas.read_json("r.json")', 'r.json', 'pandas.read_json'],
    [
      'import pandas as pd\npd.read_table("t.tsv")',
      't.tsv',
      'pandas.read_table'
    ],
    [
      'import pandas as pd\npd.read_feather("t.feather")',
      't.feather',
      'pandas.read_feather'
    ],
    [
      'import pandas as pd\npd.read_pickle("t.pkl")',
      't.pkl',
      'pandas.read_pickle'
    ],
    [
      'import pandas as pd\npd.read_hdf("t.h5", "key")',
      't.h5',
      'pandas.read_hdf'
    ],
    [
      'from pandas import read_csv as rc\nrc("x.csv")',
      'x.csv',
      'pandas.read_csv'
    ],
    ['import numpy as np\nnp.load("w.npy")', 'w.npy', 'numpy.load'],
    ['import numpy as np\nnp.loadtxt(fname="m.txt")', 'm.txt', 'numpy.loadtxt'],
    [
      'import numpy as np\nnp.genfromtxt("g.csv", delimiter=",")',
      'g.csv',
      'numpy.genfromtxt'
    ],
    [
      'import numpy as np\nnp.fromfile(file="raw.bin")',
      'raw.bin',
      'numpy.fromfile'
    ],
    [
      'from pathlib import Path\nPath("cfg.toml").read_text()',
      'cfg.toml',
      'pathlib.Path.read_text'
    ],
    [
      'import pathlib\npathlib.Path("blob").read_bytes()',
      'blob',
      'pathlib.Path.read_bytes'
    ],
    [
      'from pathlib import Path\nwith Path("n.txt").open() as f: pass',
      'n.txt',
      'pathlib.Path.open'
    ],
    [
      'import xarray as xr\nxr.open_dataset("sst.nc")',
      'sst.nc',
      'xarray.open_dataset'
    ],
    [
      'import xarray as xr\nxr.open_mfdataset(["a.nc", "b.nc"])',
      'a.nc',
      'xarray.open_mfdataset'
    ],
    [
      'import xarray as xr\nxr.open_zarr(store="cube.zarr")',
      'cube.zarr',
      'xarray.open_zarr'
    ],
    ['import json\njson.load(open("c.json"))', 'c.json', 'json.load'],
    ['import pickle\npickle.load(open("m.pkl", "rb"))', 'm.pkl', 'pickle.load'],
    ['import yaml\nyaml.safe_load(open("p.yaml"))', 'p.yaml', 'yaml.safe_load'],
    ['import h5py\nh5py.File("d.h5", "r")', 'd.h5', 'h5py.File'],
    [
      'import scanpy as sc\nsc.read_h5ad("pbmc.h5ad")',
      'pbmc.h5ad',
      'scanpy.read_h5ad'
    ],
    [
      'import anndata\nanndata.read_h5ad(filename="a.h5ad")',
      'a.h5ad',
      'anndata.read_h5ad'
    ],
    [
      'import torch\ntorch.load("model.pt", map_location="cpu")',
      'model.pt',
      'torch.load'
    ],
    ['import joblib\njoblib.load("clf.joblib")', 'clf.joblib', 'joblib.load'],
    [
      'from PIL import Image\nImage.open("cat.png")',
      'cat.png',
      'PIL.Image.open'
    ],
    ['import cv2\ncv2.imread("dog.jpg")', 'dog.jpg', 'cv2.imread'],
    [
      'import geopandas as gpd\ngpd.read_file("roads.shp")',
      'roads.shp',
      'geopandas.read_file'
    ],
    [
      'import polars as pl\npl.read_parquet("p.parquet")',
      'p.parquet',
      'polars.read_parquet'
    ],
    ['import gzip\ngzip.open("big.csv.gz")', 'big.csv.gz', 'gzip.open']
  ])('finds %j', (source, path, reader) => {
    expect(reads(source)[path]).toBe(reader);
  });

  it('uses the conventional aliases when the import is elsewhere or missing', () => {
    expect(
      reads(
        'df = pd.read_csv("a.csv")\narr = np.load("b.npy")\nds = xr.open_dataset("c.nc")'
      )
    ).toEqual({
      'a.csv': 'pandas.read_csv',
      'b.npy': 'numpy.load',
      'c.nc': 'xarray.open_dataset'
    });
  });

  it('follows imports made in another cell, and an alias that is not the convention', () => {
    const found = notebookDataFiles(
      notebook(
        'import polars as pd\nimport numpy as onp',
        'pd.read_csv("a.csv")\nonp.load("b.npy")'
      ),
      parser
    );
    expect(found.files).toEqual([
      { path: 'a.csv', cells: [1], reader: 'polars.read_csv' },
      { path: 'b.npy', cells: [1], reader: 'numpy.load' }
    ]);
  });

  it('lists each file once with every cell reading it, sorted by path', () => {
    const found = notebookDataFiles(
      notebook(
        'import pandas as pd\ndf = pd.read_csv("./data/iris.csv")',
        { md: 'pd.read_csv("markdown.csv")' },
        'again = pd.read_csv("data/iris.csv")\nopen("data/../README.md")',
        'pd.read_csv("data//iris.csv")'
      ),
      parser
    );
    expect(found).toEqual({
      files: [
        { path: 'README.md', cells: [2], reader: 'open' },
        { path: 'data/iris.csv', cells: [0, 2, 3], reader: 'pandas.read_csv' }
      ],
      untracked: []
    });
  });

  it.each([
    ['writes with open', 'open("out.txt", "w")'],
    ['appends', 'open("log.txt", mode="a")'],
    ['creates', 'open("new.txt", "x")'],
    ['writes binary', 'open("out.bin", "wb")'],
    [
      'writes through a path',
      'from pathlib import Path\nPath("o.txt").open("w")'
    ],
    ['writes HDF5', 'import h5py\nh5py.File("o.h5", "w")'],
    ['an unknown mode', 'open("maybe.txt", mode)'],
    [
      'writer methods',
      'df.to_csv("out.csv")\nnp.save("a.npy", a)\ndf.to_parquet(path="p.parquet")'
    ],
    [
      'URLs',
      'pd.read_csv("https://example.org/a.csv")\npd.read_parquet("s3://bucket/t.parquet")\nxr.open_dataset("gs://b/x.nc")\npd.read_csv("http://x/y.csv")'
    ],
    ['a variable path', 'pd.read_csv(path)\nopen(name)'],
    [
      'strings that are not paths',
      'pd.read_json(\'{"a": 1}\')\npd.read_csv("a,b\\n1,2")'
    ],
    [
      'paths in comments and strings',
      '# pd.read_csv("c.csv")\ns = "open(\'d.txt\')"'
    ],
    [
      'other functions named like readers',
      'reader.load("x.bin")\nself.open("y")\nfoo.read_csv("z.csv")'
    ],
    [
      'a reader of something else',
      'json.loads("{}")\nzipfile.ZipFile("a.zip").open("inner.txt")'
    ]
  ])('leaves out %s', (_, source) => {
    const result = notebookDataFiles(notebook(source), parser);
    expect(result.files.filter(f => f.path !== 'a.zip')).toEqual([]);
    expect(result.untracked).toEqual([]);
  });

  it('reports paths built at run time and globs as not tracked, with where', () => {
    const found = untracked(
      [
        'import pandas as pd',
        'df = pd.read_csv(f"data/{name}.csv")',
        'x = pd.read_parquet(root / "t.parquet")',
        'y = open("a" + suffix)',
        'z = np.load("{}.npy".format(i))',
        'w = xr.open_mfdataset("runs/*.nc")',
        'v = open(os.path.join(base, "v.txt"))'
      ].join('\n')
    );
    expect(found).toEqual([
      {
        cell: 0,
        line: 2,
        reader: 'pandas.read_csv',
        expression: 'f"data/{name}.csv"',
        reason: 'dynamic'
      },
      {
        cell: 0,
        line: 3,
        reader: 'pandas.read_parquet',
        expression: 'root / "t.parquet"',
        reason: 'dynamic'
      },
      {
        cell: 0,
        line: 4,
        reader: 'open',
        expression: '"a" + suffix',
        reason: 'dynamic'
      },
      {
        cell: 0,
        line: 5,
        reader: 'numpy.load',
        expression: '"{}.npy".format(i)',
        reason: 'dynamic'
      },
      {
        cell: 0,
        line: 6,
        reader: 'xarray.open_mfdataset',
        expression: 'runs/*.nc',
        reason: 'glob'
      },
      {
        cell: 0,
        line: 7,
        reader: 'open',
        expression: 'os.path.join(base, "v.txt")',
        reason: 'dynamic'
      }
    ]);
  });

  it('works out paths made of literals', () => {
    expect(
      reads(
        [
          'from pathlib import Path',
          'import os',
          'a = pd.read_csv(Path("data") / "a.csv")',
          'b = pd.read_csv(Path("data", "b.csv"))',
          'c = open(os.path.join("data", "c.txt"))',
          'd = Path.home().joinpath("d.txt").read_text()',
          'e = pd.read_csv("data/" "e.csv")',
          'f = pd.read_csv(f"data/f{{1}}.csv")',
          'g = pd.read_csv(r"data\\g.csv")',
          'h = pd.read_csv(str(Path("data") / "h.csv"))',
          'i = open(b"data/i.bin", "rb")',
          'j = open(Path("~/j.txt").expanduser())'
        ].join('\n')
      )
    ).toEqual({
      'data/a.csv': 'pandas.read_csv',
      'data/b.csv': 'pandas.read_csv',
      'data/c.txt': 'open',
      '~/d.txt': 'pathlib.Path.read_text',
      'data/e.csv': 'pandas.read_csv',
      'data/f{1}.csv': 'pandas.read_csv',
      'data/g.csv': 'pandas.read_csv',
      'data/h.csv': 'pandas.read_csv',
      'data/i.bin': 'open',
      '~/j.txt': 'open'
    });
  });

  it('follows names assigned one known value anywhere in the notebook', () => {
    const found = notebookDataFiles(
      notebook(
        'from pathlib import Path\nDATA = Path("data")\nRAW: str = "raw.csv"',
        'df = pd.read_csv(DATA / RAW)\nCFG = DATA / "cfg.yaml"',
        'cfg = yaml.safe_load(CFG.open())\ntext = CFG.read_text()'
      ),
      parser
    );
    expect(found.files).toEqual([
      { path: 'data/cfg.yaml', cells: [2], reader: 'yaml.safe_load' },
      { path: 'data/raw.csv', cells: [1], reader: 'pandas.read_csv' }
    ]);
  });

  it('does not trust names given several values, updated or bound by a loop', () => {
    const found = notebookDataFiles(
      notebook(
        'A = "a.csv"\nB = "b.csv"\nC = "c.csv"\nD = "d.csv"',
        'A = "other.csv"\nB += ".gz"\nfor C in files: pass\ndef f():\n    D = "x"',
        'pd.read_csv(A); pd.read_csv(B); pd.read_csv(C); pd.read_csv(D)'
      ),
      parser
    );
    expect(found.files).toEqual([]);
  });

  it('reads cells as IPython does: magics, shell lines and non-Python cells', () => {
    const found = notebookDataFiles(
      notebook(
        '%matplotlib inline\n!head data/shell.csv\ndf = pd.read_csv("data/a.csv")\ndf?',
        '%time df2 = pd.read_csv("data/b.csv")',
        '%%bash\ncat data/c.csv\npython -c \'open("data/d.txt")\'',
        '%%time\nopen("data/e.txt")'
      ),
      parser
    );
    expect(found.files.map(file => [file.path, file.cells])).toEqual([
      ['data/a.csv', [0]],
      ['data/b.csv', [1]],
      ['data/e.txt', [3]]
    ]);
  });

  it('recovers from syntax errors and never throws on strangers', () => {
    const found = notebookDataFiles(
      [
        {
          cell_type: 'code',
          source: [
            'df = pd.read_csv("a.csv")\n',
            'x = = 1\n',
            'if True\n',
            'open("b.txt")'
          ]
        },
        {
          cell_type: 'code',
          source: 'pd.read_csv("c.csv"\nx = = 1\nopen(b"\\xff")'
        },
        { cell_type: 'code', source: 42 },
        { cell_type: 'code', source: 'open("unterminated.txt)' },
        {
          cell_type: 'code',
          source:
            'open(*args)\nopen(**kw)\nopen()\nopen("")\nopen("-")\nopen(1)'
        },
        { cell_type: null },
        { cell_type: 'code', source: 'open("t.txt", **kw)' }
      ],
      parser
    );
    expect(found.files.map(file => file.path)).toEqual(['a.csv', 'b.txt']);
  });

  // How long it takes is linearity.spec.ts's business.
  it('reads a notebook of a thousand cells', () => {
    const cells = notebook(
      ...Array.from(
        { length: 1000 },
        (_, i) =>
          `df${i} = pd.read_csv("data/part${i % 50}.csv")\nprint(df${i}.shape)`
      )
    );
    const found = notebookDataFiles(cells, parser);
    expect(found.files).toHaveLength(50);
    expect(found.files[0].cells).toHaveLength(20);
  });

  it('lists the cells too long or too deeply nested to parse', () => {
    const long = `open("a.csv")\n${'x = 1\n'.repeat(SCAN_LIMITS.maxParsedCell / 6)}`;
    const deep = `open("b.csv")\nx = ${'['.repeat(201)}${']'.repeat(201)}`;
    const cells = notebook('open("c.csv")', long, { md: deep }, deep);
    expect(notebookDataFiles(cells, parser)).toEqual({
      files: [{ path: 'c.csv', cells: [0], reader: 'open' }],
      untracked: [],
      unparsed: [
        { cell: 1, reason: 'long' },
        { cell: 3, reason: 'nested' }
      ]
    });
    expect(
      notebookDataFiles(cells, parser, {
        ...SCAN_LIMITS,
        maxParsedCell: Infinity
      }).files.map(file => file.path)
    ).toEqual(['a.csv', 'c.csv']);
  });

  it('follows paths joined as before, and not ones built longer than any file name', () => {
    expect(
      reads(`import os\nopen(os.path.join("a${'/'.repeat(5000)}", "b.csv"))`)
    ).toEqual({
      'a/b.csv': 'open'
    });
    // 200 parts of 30 characters: a path of 6,200 characters.
    const parts = Array.from({ length: 200 }, () => `"${'d'.repeat(30)}"`).join(
      ' / '
    );
    expect(
      reads(`from pathlib import Path\nopen(Path("a") / ${parts})`)
    ).toEqual({});
    expect(
      reads(
        `from pathlib import Path\nopen(Path("a") / ${parts} / "/abs/x.csv")`
      )
    ).toEqual({
      '/abs/x.csv': 'open'
    });
    expect(
      reads(`import json\njson.load(${'open("x.json"), '.repeat(2000)})`)
    ).toEqual({
      'x.json': 'json.load'
    });
  });
});

describe('ipythonToPython', () => {
  it('keeps the lines while blanking what is not Python', () => {
    const { code, installs } = ipythonToPython(
      '%pip install pandas\n!ls\nx = !pwd\n%time y = 1\nz?\nw = 2'
    );
    expect(code.split('\n')).toEqual(['', '', '', 'y = 1', '', 'w = 2']);
    expect(installs).toEqual(['%pip install pandas']);
  });

  it('drops cells whose cell magic does not run Python', () => {
    expect(ipythonToPython('%%bash\npip install x\necho hi').code).toBe('');
    expect(ipythonToPython('%%capture\nopen("x")').code).toBe('\nopen("x")');
  });
});
