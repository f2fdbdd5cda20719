// The plain words for file-system error codes, in a module of its own (no imports): the CLI's entry reads it to
// report a failed write to stdout without loading the atomic writer (cli/main.ts, which `--help` loads).

/** Plain words for the file-system error codes users meet (by errno code). */
export const FS_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the disk is read-only',
  ENOENT: 'the file or folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EBUSY: 'the file is in use',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'an input/output error occurred',
  EEXIST: 'the file already exists',
  ELOOP: 'there are too many symbolic links',
  ENOTFILE: 'it is not a regular file (a device, a pipe or a socket), which a save would destroy',
};
