// PATHCORR_TEST: association statistics of every matrix feature with best response (associations.tsv), as
// `pathcorr run` writes them.
//
// input:  [ meta, matrix ]  from PATHCORR_JOIN
//         clinical          the same clinical table as given to PATHCORR_JOIN
// output: [ meta, associations.tsv ], versions.yml   (task.ext.prefix, if set, gives "PREFIX.associations.tsv")

process PATHCORR_TEST {
    tag "$meta.id"
    label 'process_single'

    input:
    tuple val(meta), path(matrix)
    path clinical

    output:
    tuple val(meta), path("*associations.tsv"), emit: associations
    path "versions.yml"                       , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args   = task.ext.args ?: ''
    def prefix = task.ext.prefix ? "${task.ext.prefix}." : ''
    def q      = { s -> "'" + s.toString().replace("'", "'\\''") + "'" }
    """
    pathcorr test \\
        $args \\
        --matrix ${q(matrix)} \\
        --clinical ${q(clinical)} \\
        --output ${prefix}associations.tsv

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        pathcorr: \$(pathcorr --version 2>&1 | sed 's/^pathcorr //')
    END_VERSIONS
    """

    stub:
    def prefix = task.ext.prefix ? "${task.ext.prefix}." : ''
    """
    touch ${prefix}associations.tsv

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        pathcorr: \$(pathcorr --version 2>&1 | sed 's/^pathcorr //')
    END_VERSIONS
    """
}
