// PATHCORR_JOIN: the gather step, every patient's calls.tsv + the clinical table -> the patient x feature matrix
// (matrix.tsv) and the patient flow (samples.tsv), as `pathcorr run` writes them.
//
// input:  [ meta, calls ]  meta.id names the cohort (tag only); calls = all PATHCORR_SCAN outputs, sorted
//         clinical         the clinical table
// output: [ meta, matrix.tsv ], [ meta, samples.tsv ], versions.yml   (task.ext.prefix, if set, is prepended
//         as "PREFIX.matrix.tsv")
//
// Exit 4 (a calls file records a VCF that --keep-going skipped) counts as success: the tables are complete.

process PATHCORR_JOIN {
    tag "$meta.id"
    label 'process_single'

    input:
    tuple val(meta), path(calls, stageAs: 'calls/*')
    path clinical

    output:
    tuple val(meta), path("*matrix.tsv") , emit: matrix
    tuple val(meta), path("*samples.tsv"), emit: samples
    path "versions.yml"                  , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args   = task.ext.args ?: ''
    def prefix = task.ext.prefix ? "${task.ext.prefix}." : ''
    def q      = { s -> "'" + s.toString().replace("'", "'\\''") + "'" }
    def files  = (calls instanceof List ? calls : [ calls ]).collect { q(it) }.join(' ')
    """
    pathcorr join \\
        $args \\
        --clinical ${q(clinical)} \\
        --output ${prefix}matrix.tsv \\
        --samples-output ${prefix}samples.tsv \\
        ${files} \\
        || [ \$? -eq 4 ]

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        pathcorr: \$(pathcorr --version 2>&1 | sed 's/^pathcorr //')
    END_VERSIONS
    """

    stub:
    def prefix = task.ext.prefix ? "${task.ext.prefix}." : ''
    """
    touch ${prefix}matrix.tsv
    touch ${prefix}samples.tsv

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        pathcorr: \$(pathcorr --version 2>&1 | sed 's/^pathcorr //')
    END_VERSIONS
    """
}
